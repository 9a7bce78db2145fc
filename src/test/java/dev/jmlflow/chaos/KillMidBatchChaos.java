package dev.jmlflow.chaos;

import dev.jmlflow.bench.AppUnderTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 mid-batch: joiners and immediate leavers (defaults 40 and 10; the 300 and 50 take about half an
 * hour on a loaded 2-core machine) on PostgreSQL, the app killed after a
 * random SCIM write, then restarted on the same database: every request ends, no account is created twice, no
 * incident. Set {@code -Dchaos.seed} to repeat a run's kill point.
 */
class KillMidBatchChaos {

    private static final String PREFIX = "KB-";

    @Test
    void aBatchKilledAtARandomPointCompletesAfterARestartWithoutDuplicatesOrLostRequests() {
        ChaosSettings settings = ChaosSettings.fromSystemProperties();
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        // each joiner makes about 3 writes per target (create, two groups): kill somewhere in the first 60 %
        int killAt = 1 + new Random(seed).nextInt(Math.max(1, settings.joiners() * 9 * 6 / 10));
        System.out.println("chaos: kill after write " + killAt + ", seed " + seed + " (-Dchaos.seed=" + seed + " repeats it)");
        long start = System.nanoTime();
        try (ChaosRig rig = new ChaosRig("kill-mid-batch", settings)) {
            Requests requests = new Requests(rig);
            AppUnderTest node = rig.startNode(List.of());
            AtomicInteger writes = new AtomicInteger();
            AtomicBoolean fired = rig.killAfter(node, w -> !w.method().equals("GET") && writes.incrementAndGet() == killAt);
            Thread restarter = new Thread(() -> {
                rig.await("the kill at write " + killAt, () -> fired.get() && !node.alive());
                rig.heal();
                rig.startNode(List.of());
            }, "chaos-restarter");
            restarter.start();

            List<String> leavers = Requests.employees(PREFIX + "L", 0, settings.leavers());
            List<String> stayers = Requests.employees(PREFIX + "J", 0, settings.joiners() - settings.leavers());
            List<String> everyone = new ArrayList<>(leavers);
            everyone.addAll(stayers);
            requests.joinAndApprove(everyone);
            leavers.forEach(requests::leaveWhenJoined);
            long expected = everyone.size() + leavers.size();
            requests.awaitAllDone(PREFIX, expected);
            rig.join(restarter);

            ServerCensus census = new ServerCensus(rig.targets);
            new ChaosReport("2 kill -9 mid-batch", requests.started(PREFIX), requests.done(PREFIX), census.accounts(),
                    census.duplicates(), rig.incidents(), rig.opsNotifications(), rig.kills(), Requests.since(start),
                    everyone.size() + " joiners, " + leavers.size() + " leavers, killed after write " + killAt + " (seed " + seed + ")").publish();
            assertThat(rig.kills()).as("the app was killed").isEqualTo(1);
            assertThat(census.duplicates()).as("duplicate accounts").isZero();
            assertThat(requests.started(PREFIX)).as("requests started").isEqualTo(expected);
            assertThat(requests.done(PREFIX)).as("no lost request").isEqualTo(expected);
            assertThat(requests.provisioned(PREFIX)).as("joiners provisioned").isEqualTo(everyone.size());
            census.assertOneAccountEach(everyone);
            census.assertMembers(stayers);
            census.assertActive(stayers, leavers);
            assertThat(rig.incidents()).as("incidents").isZero();
        }
    }
}
