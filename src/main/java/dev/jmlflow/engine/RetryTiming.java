package dev.jmlflow.engine;

import dev.jmlflow.provisioning.MassChangeHeldException;
import dev.jmlflow.provisioning.MassChangeStoppedException;
import dev.jmlflow.provisioning.RetryLaterException;
import dev.jmlflow.scim.ScimException;
import dev.jmlflow.targets.TargetQuarantinedException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.camunda.bpm.engine.OptimisticLockingException;

/**
 * When a failed job runs next, and whether the failure uses up one of its retries. Decided from the failure's cause
 * chain:
 * <ul>
 *   <li>a conflict with another transaction (optimistic locking: two apps of a request joining at once, a leaver
 *       stopping a request whose job just committed): run again at once, no retry used; the engine's retry cycle
 *       would make it wait minutes for nothing;</li>
 *   <li>the target's circuit breaker is OPEN: wait for the next half-open probe, no retry used, however long
 *       (ops were told once; a request never turns into an incident of its own because of a quarantine);</li>
 *   <li>the mass-change guard holds the change: look again after its recheck interval, no retry used, however
 *       long (the app owner has a task; the hold is not a failure);</li>
 *   <li>the app owner stopped the held change: an incident at once (Decision {@code incidentNow});</li>
 *   <li>429, or 503 with Retry-After, or a client-side rate-limit wait: wait at least the asked time, no retry
 *       used; a 429 without Retry-After waits as long as the job has existed (so the waits double), between
 *       {@code backoffStart} and {@code backoffMax}, with jitter;</li>
 *   <li>a wait that would end later than {@code ceiling} after the job was created uses up a retry as any failure
 *       does (the BPMN retry cycle, then an incident), but still runs no earlier than the target asked;</li>
 *   <li>a {@link RetryLaterException} that names a time (a create still settling) uses up a retry and runs no
 *       earlier than that time.</li>
 * </ul>
 * Anything else: empty, and the engine's own retry handling applies unchanged.
 */
public record RetryTiming(Duration ceiling, Duration backoffStart, Duration backoffMax, DoubleSupplier random) {

    /**
     * The next attempt: not before {@code notBefore}; {@code usesRetry} false means the retries stay as they are;
     * {@code incidentNow}: no further attempt by itself, the job is an incident.
     */
    public record Decision(Instant notBefore, boolean usesRetry, boolean incidentNow) {

        public Decision(Instant notBefore, boolean usesRetry) {
            this(notBefore, usesRetry, false);
        }
    }

    private static final double JITTER = 0.2;

    public Optional<Decision> decide(Throwable failure, Instant jobCreated, Instant now) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockingException) {
                return Optional.of(new Decision(now, false));
            }
            if (t instanceof TargetQuarantinedException quarantined) {
                return Optional.of(new Decision(now.plus(quarantined.retryAfter()), false));
            }
            if (t instanceof MassChangeHeldException held) {
                return Optional.of(new Decision(now.plus(held.retryAfter()), false));
            }
            if (t instanceof MassChangeStoppedException) {
                return Optional.of(new Decision(now, true, true));
            }
            if (t instanceof ScimException.RateLimited limited) {
                return Optional.of(free(now.plus(limited.retryAfter().orElseGet(() -> backoff(jobCreated, now))), jobCreated));
            }
            if (t instanceof ScimException.Unavailable unavailable && unavailable.retryAfter().isPresent()) {
                return Optional.of(free(now.plus(unavailable.retryAfter().get()), jobCreated));
            }
            if (t instanceof RetryLaterException later && later.retryAfter().isPresent()) {
                return Optional.of(new Decision(now.plus(later.retryAfter().get()), true));
            }
        }
        return Optional.empty();
    }

    private Decision free(Instant notBefore, Instant jobCreated) {
        boolean withinCeiling = jobCreated == null || !notBefore.isAfter(jobCreated.plus(ceiling));
        return new Decision(notBefore, !withinCeiling);
    }

    private Duration backoff(Instant jobCreated, Instant now) {
        Duration waited = jobCreated == null ? Duration.ZERO : Duration.between(jobCreated, now);
        Duration base = waited.compareTo(backoffStart) < 0 ? backoffStart : waited.compareTo(backoffMax) > 0 ? backoffMax : waited;
        double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }
}
