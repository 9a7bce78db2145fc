package dev.jmlflow.chaos;

import dev.jmlflow.bench.AppUnderTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash after the call: for each SCIM-writing task kind, the app JVM gets {@code kill -9} right after a SCIM server
 * answered the write and before that answer reaches the app (so the job cannot commit), then the app starts again
 * on the same database and must finish without a second account, a lost membership or an incident.
 * Deleting an account is not reached: it happens only after the retention period.
 */
class CrashAfterCallChaos {

    private static final Predicate<ChaosRig.Write> CREATE = w -> w.method().equals("POST") && w.resource().equals("/Users");
    private static final Predicate<ChaosRig.Write> ADD_GROUP = w -> groupChange(w, "add");
    private static final Predicate<ChaosRig.Write> REMOVE_GROUP = w -> groupChange(w, "remove");
    private static final Predicate<ChaosRig.Write> DEACTIVATE = w -> !w.method().equals("GET") && w.resource().startsWith("/Users/")
            && compact(w.body()).contains("\"active\"") && compact(w.body()).contains("false");

    @Test
    void everyScimWriteSurvivesAKillBetweenTheServersAnswerAndTheCommit() {
        ChaosSettings settings = ChaosSettings.fromSystemProperties();
        long start = System.nanoTime();
        try (ChaosRig rig = new ChaosRig("crash-after-call", settings)) {
            Requests requests = new Requests(rig);
            List<String> kinds = new ArrayList<>();
            AppUnderTest node = rig.startNode(List.of());

            node = crash(rig, node, "create account", CREATE, () -> requests.joinAndApprove(List.of("CR-CREATE")));
            node = crash(rig, node, "add group", ADD_GROUP, () -> requests.joinAndApprove(List.of("CR-GROUP")));
            requests.awaitAllDone("CR-", 2);
            List<String> employees = List.of("CR-CREATE", "CR-GROUP");
            assertThat(requests.provisioned("CR-")).as("joiners provisioned").isEqualTo(2);
            ServerCensus joined = new ServerCensus(rig.targets);
            joined.assertOneAccountEach(employees);
            joined.assertMembers(employees);
            joined.assertActive(employees, List.of());

            node = crash(rig, node, "deactivate", DEACTIVATE, () -> requests.leaveWhenJoined("CR-CREATE"));
            crash(rig, node, "remove group", REMOVE_GROUP, () -> requests.leaveWhenJoined("CR-GROUP"));
            requests.awaitAllDone("CR-", 4);
            ServerCensus left = new ServerCensus(rig.targets);
            left.assertOneAccountEach(employees);
            left.assertMembers(List.of());
            left.assertActive(List.of(), employees);

            new ChaosReport("1 crash after the call", requests.started("CR-"), requests.done("CR-"), left.accounts(),
                    left.duplicates(), rig.incidents(), rig.opsNotifications(), rig.kills(), Requests.since(start),
                    "kill -9 after: create account, add group, deactivate, remove group").publish();
            assertThat(left.duplicates()).as("duplicate accounts").isZero();
            assertThat(requests.done("CR-")).as("every started request done").isEqualTo(requests.started("CR-")).isEqualTo(4);
            assertThat(rig.incidents()).as("incidents").isZero();
            assertThat(rig.kills()).as("one kill per write kind").isEqualTo(4);
        }
    }

    /** Arms the kill for the first write of this kind, triggers it, restarts the app; returns the new node. */
    private static AppUnderTest crash(ChaosRig rig, AppUnderTest node, String kind, Predicate<ChaosRig.Write> write, Runnable trigger) {
        AtomicBoolean fired = rig.killAfter(node, write);
        Thread triggering = new Thread(trigger, "chaos-trigger-" + kind);
        triggering.start();
        rig.await("a kill after " + kind, () -> fired.get() && !node.alive());
        rig.heal();
        AppUnderTest restarted = rig.startNode(List.of());
        rig.join(triggering);
        return restarted;
    }

    private static boolean groupChange(ChaosRig.Write write, String op) {
        return write.method().equals("PATCH") && write.resource().startsWith("/Groups/")
                && compact(write.body()).toLowerCase().contains("\"op\":\"" + op + "\"");
    }

    private static String compact(String body) {
        return body.replaceAll("\\s", "");
    }
}
