package dev.jmlflow.observability;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jmlflow.targets.BreakerState;
import dev.jmlflow.targets.CircuitBreaker;
import dev.jmlflow.targets.Target;
import dev.jmlflow.targets.TargetCapabilities;
import dev.jmlflow.targets.TargetRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.context.SmartLifecycle;

/**
 * {@code /actuator/health} component {@code targets}, one child per configured target. Each target is checked in
 * the background (a canary lookup, see {@link Target#confirmHealthy()}) every
 * {@code jmlflow.health.target-check-interval}; a health request only reads the last result, so a slow or dead
 * SaaS app never makes the health endpoint slow. A target that does not answer is DOWN, and so is a target whose
 * circuit breaker is OPEN (with the breaker's reason; the same schedule sends the breaker's alert and runs its
 * half-open probe, see {@link CircuitBreaker#supervise()}). The app keeps running
 * and its jobs keep retrying. Liveness and readiness ({@code /actuator/health/liveness}, {@code /readiness})
 * leave targets out, so an outage at a vendor never restarts jmlflow.
 */
final class TargetsHealthContributor implements CompositeHealthContributor, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TargetsHealthContributor.class);

    private final TargetRegistry targets;
    private final HealthProperties properties;
    private final Clock clock;
    private final Map<String, Health> lastResults = new ConcurrentHashMap<>();
    private final Map<String, HealthContributor> children = new LinkedHashMap<>();
    private ScheduledExecutorService scheduler;

    TargetsHealthContributor(TargetRegistry targets, HealthProperties properties, Clock clock) {
        this.targets = targets;
        this.properties = properties;
        this.clock = clock;
        targets.names().forEach(name -> children.put(name, (HealthIndicator) () ->
                lastResults.getOrDefault(name, Health.unknown().withDetail("reason", "not checked yet").build())));
    }

    /** Checks one target now and keeps the result; called by the scheduler, and by tests. */
    void check(Target target) {
        Instant now = Instant.now(clock);
        Health.Builder health;
        try {
            supervise(target);
            Optional<BreakerState> open = target.breaker().map(CircuitBreaker::state).filter(BreakerState::open);
            health = open.isPresent() ? quarantined(open.get()) : checked(target);
        } catch (RuntimeException e) {
            // ScimException messages name status and path only, never a token or query
            health = Health.down().withDetail("error", String.valueOf(e.getMessage()));
        }
        Health result = health.withDetail("dialect", target.dialect().name().toLowerCase(java.util.Locale.ROOT))
                .withDetail("checkedAt", now.toString()).build();
        Health previous = lastResults.put(target.name(), result);
        if (previous == null || !previous.getStatus().equals(result.getStatus())) {
            log.info("target {} is {}", target.name(), result.getStatus());
        }
    }

    /** The breaker's alert and half-open probe ride on this schedule; a failure there must not hide the health. */
    private static void supervise(Target target) {
        try {
            target.breaker().ifPresent(CircuitBreaker::supervise);
        } catch (RuntimeException e) {
            log.warn("target {}: circuit breaker supervision failed: {}", target.name(), e.toString());
        }
    }

    private static Health.Builder quarantined(BreakerState breaker) {
        return Health.down().withDetail("breaker", "OPEN").withDetail("error", String.valueOf(breaker.reason()))
                .withDetail("openSince", String.valueOf(breaker.openedAt()))
                .withDetail("nextProbe", String.valueOf(breaker.nextProbeAt()));
    }

    private static Health.Builder checked(Target target) {
        Health.Builder health;
        try {
            target.confirmHealthy();
            health = Health.up();
            TargetCapabilities capabilities = target.capabilities();
            health.withDetail("patchSupported", capabilities.patchSupported())
                    .withDetail("filterSafe", capabilities.filterSafe());
        } catch (RuntimeException e) {
            health = Health.down().withDetail("error", String.valueOf(e.getMessage()));
        }
        return health;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return children.get(name);
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return children.entrySet().stream().map(e -> NamedContributor.of(e.getKey(), e.getValue())).iterator();
    }

    @Override
    public synchronized void start() {
        if (scheduler != null || children.isEmpty()) {
            return;
        }
        AtomicInteger count = new AtomicInteger();
        scheduler = Executors.newScheduledThreadPool(Math.min(children.size(), 4), runnable -> {
            Thread thread = new Thread(runnable, "target-health-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.targetCheckInterval().toMillis();
        targets.all().forEach(target -> scheduler.scheduleWithFixedDelay(() -> check(target), 0, interval, TimeUnit.MILLISECONDS));
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
