package dev.jmlflow.targets;

import java.time.Duration;

/**
 * Thrown instead of a SCIM call while the target's circuit breaker is OPEN: no request was sent. The job layer
 * reschedules the job for {@link #retryAfter()} (the breaker's next half-open probe) without using up a retry.
 */
public final class TargetQuarantinedException extends RuntimeException {

    private final Duration retryAfter;

    public TargetQuarantinedException(String target, String reason, Duration retryAfter) {
        super(marker(target) + " (circuit breaker OPEN: " + reason + "); no request sent");
        this.retryAfter = retryAfter;
    }

    /** The words that name the target in the message; a job held back by its breaker carries them in its failure. */
    public static String marker(String target) {
        return "target " + target + " is quarantined";
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
