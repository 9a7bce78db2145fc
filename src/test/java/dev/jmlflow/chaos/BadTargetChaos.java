package dev.jmlflow.chaos;

import dev.jmlflow.bench.BenchTarget;
import dev.jmlflow.bench.DelayingProxy;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One bad target of three: {@code generic} answers in bursts 429 with and without Retry-After and slowly, then
 * 503s and timeouts in turn until it is repaired. The two good targets' work completes on time; the bad target is
 * quarantined and stays so while a probe bounces off it; once the proxy turns healthy ("repair"), its work completes
 * without anyone retrying by hand, and IT ops got one quarantine notification, not one per request.
 */
class BadTargetChaos {

    private static final String PREFIX = "BT-";
    private static final String BAD = "generic";
    private static final Duration ON_TIME = Duration.ofMinutes(3);
    /**
     * The run's clock for recovery, so repair is noticed within minutes: probes every 10 s, checked every 5 s, a
     * failed call retried after 20 s, a 429 without Retry-After backed off 5 to 20 s (shipped: 5 min, 30 s, 5 min,
     * 30 s to 1 h). The logic is the shipped one.
     */
    private static final List<String> FAST_RECOVERY = List.of("--jmlflow.breaker.probe-interval=PT10S",
            "--jmlflow.health.target-check-interval=5s", "--jmlflow.retries.profiles.scim-write=R5/PT20S",
            "--jmlflow.retries.backoff-start=5s", "--jmlflow.retries.backoff-max=20s");

    @Test
    void theGoodTargetsFinishOnTimeAndTheBadOneAfterRepairWithOneNotification() {
        ChaosSettings settings = ChaosSettings.fromSystemProperties();
        long start = System.nanoTime();
        try (ChaosRig rig = new ChaosRig("bad-target", settings)) {
            Requests requests = new Requests(rig);
            rig.startNode(FAST_RECOVERY);
            BenchTarget bad = rig.targets.stream().filter(t -> t.name().equals(BAD)).findFirst().orElseThrow();
            List<BenchTarget> good = rig.targets.stream().filter(t -> t != bad).toList();
            Trouble trouble = new Trouble(settings.readTimeout().plusSeconds(1));
            bad.proxy().fault(trouble);

            List<String> employees = Requests.employees(PREFIX, 0, settings.badJoiners());
            requests.joinAndApprove(employees);
            long approved = System.nanoTime();
            rig.await("the good targets' work", ON_TIME, () -> complete(good, employees));
            Duration goodDone = Requests.since(approved);
            rig.await(BAD + " quarantined and ops told", ON_TIME,
                    () -> quarantined(rig) && rig.opsNotifications() > 0);
            int answeredWhenOpen = trouble.calls();
            rig.await("a call bouncing off " + BAD + " while quarantined", ON_TIME, () -> trouble.calls() > answeredWhenOpen);
            assertThat(quarantined(rig)).as(BAD + " stays quarantined while it fails").isTrue();
            assertThat(requests.done(PREFIX)).as("nothing ends while " + BAD + " is bad").isZero();

            bad.proxy().fault(null);
            long repaired = System.nanoTime();
            requests.awaitAllDone(PREFIX, employees.size());
            Duration badDone = Requests.since(repaired);

            ServerCensus census = new ServerCensus(rig.targets);
            new ChaosReport("3 one bad target", requests.started(PREFIX), requests.done(PREFIX), census.accounts(),
                    census.duplicates(), rig.incidents(), rig.opsNotifications(), rig.kills(), Requests.since(start),
                    employees.size() + " joiners; good targets done " + goodDone.toSeconds() + " s after approval; bad one "
                            + badDone.toSeconds() + " s after repair; " + BAD + " answered " + trouble.answered()).publish();
            assertThat(trouble.answered()).as("every kind of trouble answered").hasSize(Trouble.Kind.values().length);
            assertThat(census.duplicates()).as("duplicate accounts").isZero();
            census.assertOneAccountEach(employees);
            census.assertMembers(employees);
            assertThat(requests.provisioned(PREFIX)).as("joiners provisioned").isEqualTo(employees.size());
            assertThat(rig.incidents()).as("incidents (no manual retry needed)").isZero();
            assertThat(rig.opsNotifications()).as("quarantine notifications for ops").isEqualTo(1);
        }
    }

    private static boolean complete(List<BenchTarget> targets, List<String> employees) {
        try {
            ServerCensus census = new ServerCensus(targets);
            census.assertOneAccountEach(employees);
            census.assertMembers(employees);
            return true;
        } catch (AssertionError notYet) {
            return false;
        }
    }

    private static boolean quarantined(ChaosRig rig) {
        return rig.count("SELECT count(*) FROM jml_target_breaker WHERE target = '" + BAD + "' AND state = 'OPEN'") == 1;
    }

    /**
     * The bad target's answers, by call, in bursts of {@link #BURST}: first each kind of throttling and slowness
     * once (the slow answers are the only ones that pass), then an outage of 503s and timeouts in turn, round and
     * round. By call rather than by time, so that every kind is met however fast the machine is, and the outage
     * holds: no probe can close the breaker before the repair.
     */
    private static final class Trouble implements DelayingProxy.Fault {

        private static final int BURST = 3;

        enum Kind { RETRY_AFTER, NO_RETRY_AFTER, SLOW, UNAVAILABLE, TIMEOUT }

        private final Duration hang;
        private final AtomicInteger calls = new AtomicInteger();
        private final Map<Kind, LongAdder> answered = new ConcurrentHashMap<>();

        Trouble(Duration hang) {
            this.hang = hang;
        }

        @Override
        public DelayingProxy.Answer instead(String method, URI uri, byte[] body) {
            int burst = calls.getAndIncrement() / BURST;
            Kind kind = burst < 3 ? Kind.values()[burst] : burst % 2 == 1 ? Kind.UNAVAILABLE : Kind.TIMEOUT;
            answered.computeIfAbsent(kind, k -> new LongAdder()).increment();
            return switch (kind) {
                case RETRY_AFTER -> new DelayingProxy.Answer(Duration.ZERO, 429, "2");
                case NO_RETRY_AFTER -> new DelayingProxy.Answer(Duration.ZERO, 429, null);
                case SLOW -> DelayingProxy.Answer.slow(Duration.ofMillis(1_500));
                case UNAVAILABLE -> new DelayingProxy.Answer(Duration.ZERO, 503, null);
                case TIMEOUT -> new DelayingProxy.Answer(hang, 504, null);
            };
        }

        int calls() {
            return calls.get();
        }

        /** Calls answered so far, by kind. */
        Map<Kind, Long> answered() {
            Map<Kind, Long> copy = new TreeMap<>();
            answered.forEach((kind, count) -> copy.put(kind, count.sum()));
            return copy;
        }
    }
}
