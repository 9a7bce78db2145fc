package dev.jmlflow.targets;

import dev.jmlflow.scim.ScimApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One configured SCIM app: its name, dialect, rate-limited client and the capabilities a probe found. The
 * probe runs on first use and again after {@link #PROBE_TTL} (or a minute after a failed probe).
 */
public final class Target {

    static final Duration PROBE_TTL = Duration.ofHours(24);
    static final Duration FAILED_PROBE_TTL = Duration.ofMinutes(1);

    private final String name;
    private final Dialect dialect;
    private final ScimApi api;
    private final CapabilityProbe probe;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private volatile TargetCapabilities capabilities = TargetCapabilities.unknown();

    public Target(String name, Dialect dialect, ScimApi api, CapabilityProbe probe, Clock clock) {
        this(name, dialect, api, probe, clock, null);
    }

    /** A target whose {@code api} already runs through {@code breaker}. */
    public Target(String name, Dialect dialect, ScimApi api, CapabilityProbe probe, Clock clock, CircuitBreaker breaker) {
        this.name = name;
        this.dialect = dialect;
        this.api = api;
        this.probe = probe;
        this.clock = clock;
        this.breaker = breaker;
    }

    public String name() {
        return name;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * The rate-limited client behind the circuit breaker; every call may throw a typed
     * {@link dev.jmlflow.scim.ScimException}, or {@link TargetQuarantinedException} while the breaker is OPEN.
     */
    public ScimApi api() {
        return api;
    }

    /** The target's circuit breaker; empty for targets built without one (tests). */
    public Optional<CircuitBreaker> breaker() {
        return Optional.ofNullable(breaker);
    }

    /** The last probe's result, probing first when there is none or it is stale. */
    public TargetCapabilities capabilities() {
        TargetCapabilities current = capabilities;
        if (!current.probed() || current.probedAt().plus(current.reachable() ? PROBE_TTL : FAILED_PROBE_TTL)
                .isBefore(Instant.now(clock))) {
            return refreshCapabilities();
        }
        return current;
    }

    public synchronized TargetCapabilities refreshCapabilities() {
        capabilities = probe.probe(this);
        return capabilities;
    }

    /** How attributes and deactivation are written: the dialect's way, or PUT where an advertising server has no PATCH. */
    public WriteStrategy writeStrategy() {
        return withoutAdvertisedPatch() ? WriteStrategy.PUT : dialect.capabilities().write();
    }

    /** How {@code active=true} is written again: as other writes, unless the dialect reactivates only by PUT. */
    public WriteStrategy reactivateStrategy() {
        return dialect.capabilities().reactivate() == WriteStrategy.PUT ? WriteStrategy.PUT : writeStrategy();
    }

    private boolean withoutAdvertisedPatch() {
        return dialect.capabilities().patch() == PatchSupport.ADVERTISED && !capabilities().patchSupported();
    }

    /**
     * Checks right now that the target answers sensibly, so that a 404 on one resource can be read as "gone"
     * rather than "wrong base URL or region" (R-E-4). Throws a transient exception otherwise.
     */
    public void confirmHealthy() {
        probe.confirmHealthy(this);
    }

    @Override
    public String toString() {
        return "Target[" + name + ", " + dialect.configName() + "]";
    }
}
