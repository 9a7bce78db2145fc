package dev.jmlflow.chaos;

import dev.jmlflow.bench.BenchSettings;

import java.time.Duration;
import java.util.List;

/**
 * The chaos harness's sizes, read from {@code -Dchaos.*}; the defaults keep each scenario under about ten minutes on
 * a loaded 2-core machine, and CI runs them.
 *
 * @param delay       added by the proxy in front of every SCIM call
 * @param joiners     joiners of the kill -9 mid-batch scenario
 * @param leavers     immediate leavers of that scenario (subjects taken from its joiners)
 * @param nodeJoiners joiners of the two-node scenario
 * @param badJoiners  joiners of the one-bad-target scenario
 * @param drivers     REST threads that start and approve requests
 * @param lockTime    the job lock time: how soon a dead node's jobs are taken over (shipped: 5 min)
 * @param readTimeout the app's read timeout per target, below the lock time
 * @param timeout     how long a scenario may wait for its work to finish
 * @param appHeap     -Xmx of each app JVM
 */
record ChaosSettings(Duration delay, int joiners, int leavers, int nodeJoiners, int badJoiners, int drivers,
                     Duration lockTime, Duration readTimeout, Duration timeout, String appHeap) {

    static final List<String> TARGETS = List.of("coralogix", "cortex", "generic");

    static ChaosSettings fromSystemProperties() {
        return new ChaosSettings(Duration.ofMillis(number("chaos.delayMs", 5)), number("chaos.joiners", 40),
                number("chaos.leavers", 10), number("chaos.nodeJoiners", 20), number("chaos.badJoiners", 10),
                number("chaos.drivers", 4), Duration.ofSeconds(number("chaos.lockSeconds", 30)),
                Duration.ofSeconds(number("chaos.readTimeoutSeconds", 5)),
                Duration.ofMinutes(number("chaos.timeoutMinutes", 8)), System.getProperty("chaos.appHeap", "512m"));
    }

    /** The app's settings as the benchmark's launcher takes them: PostgreSQL, a rate limit that does not bound. */
    BenchSettings app() {
        return BenchSettings.appOnly(delay, TARGETS, drivers, "postgres", appHeap);
    }

    /** The settings every node gets: a lock time a dead node's jobs expire after, timeouts below it. */
    List<String> appArgs() {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--camunda.bpm.job-execution.lock-time-in-millis=" + lockTime.toMillis()));
        TARGETS.forEach(t -> args.add("--jmlflow.targets." + t + ".read-timeout=" + readTimeout.toSeconds() + "s"));
        return args;
    }

    private static int number(String key, int fallback) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }
}
