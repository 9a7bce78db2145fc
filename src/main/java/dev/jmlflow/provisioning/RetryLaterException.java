package dev.jmlflow.provisioning;

import java.time.Duration;
import java.util.Optional;

/**
 * Transient: the target has not (yet) shown the state an operation needs, e.g. a deactivation not yet visible
 * on read-back or a user we just created not yet found by a filter. Let it propagate so the job is retried.
 */
public class RetryLaterException extends RuntimeException {

    private final String target;
    private final Duration retryAfter;

    public RetryLaterException(String target, String message, Duration retryAfter) {
        super("target " + target + ": " + message);
        this.target = target;
        this.retryAfter = retryAfter;
    }

    public String target() {
        return target;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean isTransient() {
        return true;
    }
}
