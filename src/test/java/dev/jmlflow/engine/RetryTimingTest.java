package dev.jmlflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.provisioning.RetryLaterException;
import dev.jmlflow.scim.ScimException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/** The arithmetic of a throttled job's next attempt, with the jitter fixed. */
class RetryTimingTest {

    private static final Instant CREATED = Instant.parse("2026-03-02T10:00:00Z");

    private static RetryTiming timing(double random) {
        return new RetryTiming(Duration.ofDays(2), Duration.ofSeconds(30), Duration.ofHours(1), () -> random);
    }

    @Test
    void withoutRetryAfterTheWaitsDoubleFromThirtySecondsUpToAnHour() {
        RetryTiming timing = timing(0.5);
        Instant now = CREATED;
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Instant next = timing.decide(new ScimException.RateLimited(null, "429"), CREATED, now).orElseThrow().notBefore();
            waits.add(Duration.between(now, next));
            now = next;
        }

        assertThat(waits.subList(0, 6)).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(240), Duration.ofSeconds(480));
        assertThat(waits.get(9)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theJitterIsAtMostTwentyPercentEitherWay() {
        ScimException.RateLimited limited = new ScimException.RateLimited(null, "429");

        assertThat(timing(0.0).decide(limited, CREATED, CREATED).orElseThrow().notBefore()).isEqualTo(CREATED.plusSeconds(24));
        assertThat(timing(1.0).decide(limited, CREATED, CREATED).orElseThrow().notBefore()).isEqualTo(CREATED.plusSeconds(36));
    }

    @Test
    void aCreateStillSettlingUsesUpARetryButRunsNoEarlierThanItsTime() {
        RetryTiming.Decision decision = timing(0.5).decide(
                new RetryLaterException("cortex", "not visible yet", Duration.ofMinutes(2)), CREATED, CREATED).orElseThrow();

        assertThat(decision).isEqualTo(new RetryTiming.Decision(CREATED.plus(Duration.ofMinutes(2)), true));
    }

    @Test
    void aConflictWithAnotherTransactionRunsAgainAtOnceWithoutUsingARetry() {
        RetryTiming.Decision decision = timing(0.5).decide(new ProcessEngineException("flush failed",
                new OptimisticLockingException("ENGINE-03005 DELETE MessageEntity updated by another transaction")),
                CREATED, CREATED.plusSeconds(3)).orElseThrow();

        assertThat(decision).isEqualTo(new RetryTiming.Decision(CREATED.plusSeconds(3), false));
    }

    @Test
    void anyOtherFailureIsLeftToTheEngine() {
        assertThat(timing(0.5).decide(new IllegalStateException("bug"), CREATED, CREATED)).isEmpty();
        assertThat(timing(0.5).decide(new ScimException.Unavailable(502, "502", null), CREATED, CREATED)).isEmpty();
    }
}
