package dev.jmlflow.chaos;

import dev.jmlflow.bench.AppUnderTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL ({@code jmlflow.cluster.nodes=2}) share a batch of joiners; one gets {@code kill -9}
 * after a random SCIM write and stays dead. The other finishes everything, with no duplicate on the servers and
 * none in the link store.
 */
class TwoNodesChaos {

    private static final String PREFIX = "TN-";
    private static final List<String> CLUSTER = List.of("--jmlflow.cluster.nodes=2");

    @Test
    void theSurvivingNodeFinishesTheBatchOfTheKilledOneWithoutDuplicates() {
        ChaosSettings settings = ChaosSettings.fromSystemProperties();
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        int killAt = 1 + new Random(seed).nextInt(Math.max(1, settings.nodeJoiners() * 9 / 2));
        System.out.println("chaos: kill after write " + killAt + ", seed " + seed + " (-Dchaos.seed=" + seed + " repeats it)");
        long start = System.nanoTime();
        try (ChaosRig rig = new ChaosRig("two-nodes", settings)) {
            Requests requests = new Requests(rig);
            AppUnderTest doomed = rig.startNode(CLUSTER);
            AppUnderTest survivor = rig.startNode(CLUSTER);
            AtomicInteger writes = new AtomicInteger();
            rig.killAfter(doomed, w -> !w.method().equals("GET") && writes.incrementAndGet() == killAt);

            List<String> employees = Requests.employees(PREFIX, 0, settings.nodeJoiners());
            requests.joinAndApprove(employees);
            requests.awaitAllDone(PREFIX, employees.size());

            ServerCensus census = new ServerCensus(rig.targets);
            long linkDuplicates = rig.count("SELECT count(*) FROM (SELECT target, scim_id FROM jml_identity_link"
                    + " WHERE scim_id IS NOT NULL GROUP BY target, scim_id HAVING count(*) > 1) twice");
            long links = rig.count("SELECT count(*) FROM jml_identity_link WHERE state = 'ACTIVE' AND employee_id LIKE '" + PREFIX + "%'");
            new ChaosReport("4 two nodes, one killed", requests.started(PREFIX), requests.done(PREFIX), census.accounts(),
                    census.duplicates() + linkDuplicates, rig.incidents(), rig.opsNotifications(), rig.kills(),
                    Requests.since(start), employees.size() + " joiners, node 1 killed after write " + killAt
                    + " (seed " + seed + "), " + links + " active links, " + linkDuplicates + " duplicate links").publish();
            assertThat(rig.kills()).as("one node was killed").isEqualTo(1);
            assertThat(doomed.alive()).as("the killed node stays dead").isFalse();
            assertThat(survivor.alive()).as("the other node").isTrue();
            assertThat(census.duplicates()).as("duplicate accounts on the servers").isZero();
            assertThat(linkDuplicates).as("SCIM ids linked twice in jml_identity_link").isZero();
            assertThat(links).as("one active link per employee and target").isEqualTo(employees.size() * 3L);
            assertThat(requests.done(PREFIX)).as("no lost request").isEqualTo(requests.started(PREFIX)).isEqualTo(employees.size());
            assertThat(requests.provisioned(PREFIX)).as("joiners provisioned").isEqualTo(employees.size());
            census.assertOneAccountEach(employees);
            census.assertMembers(employees);
            assertThat(rig.incidents()).as("incidents").isZero();
        }
    }
}
