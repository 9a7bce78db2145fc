package dev.jmlflow.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's sizes, read from {@code -Dbench.*} system properties. {@code -Dbench.smoke=true} changes only the
 * defaults (tiny sizes, 20 ms per call) so that the harness can be proven in about two minutes; any size given
 * explicitly still wins.
 *
 * @param delay             added by the proxy in front of every SCIM call
 * @param targets           dialects of the three (or more) targets; each target is named after its dialect
 * @param groups            requested groups per joiner per target (none privileged, so only the manager approves)
 * @param groupMembers      accounts a bench group takes before the next accounts get new groups (0: no limit), so
 *                          that the SCIM servers, which share the app's cores, do not slow down as one group grows
 *                          by every joiner of the run (a SaaS app pays for its big groups on its own machines)
 * @param warmUp            joiners run as a batch, and as many made raw, before anything is measured: every figure
 *                          is one of a warm JVM (the app's and this one), as in production, not of JIT compilation
 * @param idleRuns          single joiners and single leavers measured one after another on the idle engine
 * @param leavers           immediate leavers measured while {@code load} approved joiners run
 * @param load              approved joiners kept running while the leavers are measured
 * @param scaleBase         joiners in the first scale batch (the goal's 1,000)
 * @param scaleN            joiners in the second scale batch (the goal's 10,000)
 * @param rawThreads        threads of the raw baseline; by default the job executor's max-pool-size
 * @param drivers           REST client threads that start and approve joiners
 * @param requestsPerSecond the app's client-side rate limit per target, set high so it does not bound the engine
 * @param db                {@code h2} or {@code postgres}
 * @param appHeap           -Xmx of the app's JVM
 */
public record BenchSettings(boolean smoke, Duration delay, List<String> targets, int groups, int groupMembers, int warmUp,
                     int idleRuns, int leavers, int load, int scaleBase, int scaleN, int rawThreads, int drivers, double requestsPerSecond,
                     String db, String appHeap) {

    static BenchSettings fromSystemProperties(int jobExecutorThreads) {
        boolean smoke = Boolean.getBoolean("bench.smoke");
        return new BenchSettings(smoke,
                Duration.ofMillis(number("bench.delayMs", smoke ? 20 : 50)),
                Arrays.stream(System.getProperty("bench.targets", "coralogix,cortex,generic").split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).toList(),
                number("bench.groups", 2),
                number("bench.groupMembers", smoke ? 10 : 1_000),
                number("bench.warmUp", smoke ? 10 : 500),
                number("bench.idleRuns", smoke ? 3 : 10),
                number("bench.leavers", smoke ? 3 : 100),
                number("bench.load", smoke ? 10 : 200),
                number("bench.scaleBase", smoke ? 10 : 1_000),
                number("bench.n", smoke ? 20 : 10_000),
                number("bench.rawThreads", jobExecutorThreads),
                number("bench.drivers", 4),
                number("bench.requestsPerSecond", 1_000),
                System.getProperty("bench.db", "h2"),
                System.getProperty("bench.appHeap", "1g"));
    }

    /** Only what the app's launcher reads: its targets and their delay, drivers, database and heap; no sizes. */
    public static BenchSettings appOnly(Duration delay, List<String> targets, int drivers, String db, String appHeap) {
        return new BenchSettings(false, delay, targets, 1, 0, 0, 0, 0, 0, 0, 0, 1, drivers, 1_000, db, appHeap);
    }

    private static int number(String key, int fallback) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    String describe() {
        return "delay " + delay.toMillis() + " ms/call, targets " + String.join(", ", targets) + ", " + groups
                + " groups each (" + (groupMembers == 0 ? "any number of" : "at most " + groupMembers)
                + " accounts per group), warm-up " + warmUp + " joiners, " + idleRuns + " idle runs, " + leavers
                + " leavers under a load of " + load
                + " joiners, scale " + scaleBase + " and " + scaleN + " joiners, raw threads " + rawThreads
                + ", db " + db + ", app heap -Xmx" + appHeap + (smoke ? " (SMOKE)" : "");
    }
}
