package dev.jmlflow.targets;

import dev.jmlflow.scim.ScimApi;
import dev.jmlflow.scim.ScimException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target's quarantine, with its state in the database ({@link BreakerStore}) so that every node sees it. OPEN
 * after {@code failureThreshold} consecutive transient failures or at once on a 401/403; while OPEN no request is
 * sent ({@link TargetQuarantinedException}). {@link #supervise()}, run periodically on every node, sends the one
 * alert and runs the half-open probe, each claimed by a conditional UPDATE so one node does it. A 429 or a 503
 * with Retry-After is throttling, not an outage: it neither counts nor resets.
 */
public final class CircuitBreaker {

    private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);
    /** Jobs come back a little after the probe, so that a closed breaker is what they find. */
    static final Duration AFTER_PROBE = Duration.ofSeconds(30);

    private final String target;
    private final ScimApi unguarded;
    private final BreakerStore store;
    private final BreakerProperties settings;
    private final Supplier<BreakerAlerts> alerts;
    private final Clock clock;

    public CircuitBreaker(String target, ScimApi unguarded, BreakerStore store, BreakerProperties settings,
                          Supplier<BreakerAlerts> alerts, Clock clock) {
        this.target = target;
        this.unguarded = unguarded;
        this.store = store;
        this.settings = settings;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Runs one SCIM call through the breaker. */
    <T> T call(Supplier<T> request) {
        BreakerState state = store.find(target);
        if (state.open()) {
            Instant now = clock.instant();
            Duration untilProbe = state.nextProbeAt() == null || state.nextProbeAt().isBefore(now) ? Duration.ZERO
                    : Duration.between(now, state.nextProbeAt());
            throw new TargetQuarantinedException(target, state.reason(), untilProbe.plus(AFTER_PROBE));
        }
        T result;
        try {
            result = request.get();
        } catch (ScimException e) {
            onFailure(e, state);
            throw e;
        }
        if (state.consecutiveFailures() > 0) {
            store.recordSuccess(target, clock.instant());
        }
        return result;
    }

    private void onFailure(ScimException e, BreakerState state) {
        Instant now = clock.instant();
        String reason = "HTTP " + e.status() + ": " + e.getMessage();
        boolean authentication = e instanceof ScimException.Unauthorized || e instanceof ScimException.Forbidden;
        boolean outage = e instanceof ScimException.Unavailable u && u.retryAfter().isEmpty();
        if (authentication || outage) {
            if (store.recordFailure(target, reason, authentication ? 0 : settings.failureThreshold(), now,
                    now.plus(settings.probeInterval()))) {
                log.warn("target {}: circuit breaker OPEN ({})", target, reason);
            }
        } else if (!e.isTransient() && state.consecutiveFailures() > 0) {
            // a 404 or 409 is an answer: the target is up
            store.recordSuccess(target, now);
        }
    }

    /** The current state, as every node sees it. */
    public BreakerState state() {
        return store.find(target);
    }

    /** Sends the alert of a new opening and runs a due half-open probe; each on one node only. */
    public void supervise() {
        BreakerState state = store.find(target);
        if (!state.open()) {
            return;
        }
        Instant now = clock.instant();
        if (store.claimAlert(target, now)) {
            try {
                alerts.get().opened(target, state.reason(), state.openedAt());
            } catch (RuntimeException e) {
                store.releaseAlert(target, now);
                throw e;
            }
        }
        if (store.claimProbe(target, now, now.plus(settings.probeInterval()))) {
            try {
                unguarded.findUsers(CapabilityProbe.canaryFilter(), 1, 1);
            } catch (ScimException e) {
                log.info("target {}: half-open probe failed, breaker stays OPEN: {}", target, e.getMessage());
                return;
            }
            close("the half-open probe got an answer");
        }
    }

    /** Closes the breaker (ops, or a probe that got an answer); true when it was OPEN. */
    public boolean close(String how) {
        if (!store.close(target, clock.instant())) {
            return false;
        }
        log.warn("target {}: circuit breaker CLOSED ({})", target, how);
        alerts.get().closed(target, how);
        return true;
    }

    /** Opens the breaker by hand (ops); true when it was CLOSED. The alert follows as for any opening. */
    public boolean forceOpen(String reason) {
        Instant now = clock.instant();
        boolean opened = store.recordFailure(target, reason, 0, now, now.plus(settings.probeInterval()));
        if (opened) {
            log.warn("target {}: circuit breaker forced OPEN ({})", target, reason);
            supervise();
        }
        return opened;
    }
}
