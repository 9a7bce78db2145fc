package dev.jmlflow.chaos;

import dev.jmlflow.bench.BenchTarget;
import dev.jmlflow.bench.DelayingProxy;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One bad target of three: {@code generic} answers in bursts 503, timeouts, 429 with and without Retry-After, and
 * slow answers. The two good targets' work completes on time; once the proxy turns healthy ("repair"), the bad
 * target's work completes without anyone retrying by hand, and IT ops got one quarantine notification, not one
 * per request. The breaker probes every 10 s here (shipped: 5 min) so repair is noticed within the run.
 */
class BadTargetChaos {

    private static final String PREFIX = "BT-";
    private static final String BAD = "generic";
    private static final Duration BURST = Duration.ofSeconds(3);
    private static final Duration ON_TIME = Duration.ofMinutes(3);

    @Test
    void theGoodTargetsFinishOnTimeAndTheBadOneAfterRepairWithOneNotification() {
        ChaosSettings settings = ChaosSettings.fromSystemProperties();
        long start = System.nanoTime();
        try (ChaosRig rig = new ChaosRig("bad-target", settings)) {
            Requests requests = new Requests(rig);
            rig.startNode(List.of("--jmlflow.breaker.probe-interval=PT10S"));
            BenchTarget bad = rig.targets.stream().filter(t -> t.name().equals(BAD)).findFirst().orElseThrow();
            List<BenchTarget> good = rig.targets.stream().filter(t -> t != bad).toList();
            bad.proxy().fault(new Bursts(settings.readTimeout().plusSeconds(1)));

            List<String> employees = Requests.employees(PREFIX, 0, settings.badJoiners());
            requests.joinAndApprove(employees);
            long approved = System.nanoTime();
            rig.await("the good targets' work", ON_TIME, () -> complete(good, employees));
            Duration goodDone = Requests.since(approved);
            assertThat(requests.done(PREFIX)).as("nothing ends while " + BAD + " is bad").isZero();

            bad.proxy().fault(null);
            long repaired = System.nanoTime();
            requests.awaitAllDone(PREFIX, employees.size());
            Duration badDone = Requests.since(repaired);

            ServerCensus census = new ServerCensus(rig.targets);
            new ChaosReport("3 one bad target", requests.started(PREFIX), requests.done(PREFIX), census.accounts(),
                    census.duplicates(), rig.incidents(), rig.opsNotifications(), rig.kills(), Requests.since(start),
                    employees.size() + " joiners; good targets done " + goodDone.toSeconds() + " s after approval; bad one "
                            + badDone.toSeconds() + " s after repair").publish();
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

    /** Every {@link #BURST} the next kind of trouble, round and round: 503, a timeout, 429 with and without Retry-After, slow. */
    private record Bursts(Duration hang) implements DelayingProxy.Fault {

        @Override
        public DelayingProxy.Answer instead(String method, URI uri, byte[] body) {
            return switch ((int) (System.nanoTime() / BURST.toNanos() % 5)) {
                case 0 -> new DelayingProxy.Answer(Duration.ZERO, 503, null);
                case 1 -> new DelayingProxy.Answer(hang, 504, null);
                case 2 -> new DelayingProxy.Answer(Duration.ZERO, 429, "2");
                case 3 -> new DelayingProxy.Answer(Duration.ZERO, 429, null);
                default -> DelayingProxy.Answer.slow(Duration.ofMillis(1_500));
            };
        }
    }
}
