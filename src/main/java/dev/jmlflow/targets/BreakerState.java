package dev.jmlflow.targets;

import java.time.Instant;

/** A target's circuit breaker as stored: OPEN or not, why, since when, and when the next half-open probe is due. */
public record BreakerState(String target, boolean open, int consecutiveFailures, String reason, Instant openedAt,
                           Instant nextProbeAt) {

    static BreakerState closed(String target) {
        return new BreakerState(target, false, 0, null, null, null);
    }
}
