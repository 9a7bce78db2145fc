package dev.jmlflow.targets;

import dev.jmlflow.scim.ScimApi;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The configured targets, one rate-limited client behind a circuit breaker each, built once at start-up. */
@Component
public class TargetRegistry {

    private final Map<String, Target> targets;

    /** The client factory is only needed when a target is configured (without any, the sandbox is used). */
    @Autowired
    public TargetRegistry(TargetProperties properties, ObjectProvider<ScimClientFactory> clients, CapabilityProbe probe,
                          ClusterProperties cluster, BreakerStore breakers, BreakerProperties breakerSettings,
                          ObjectProvider<BreakerAlerts> alerts) {
        this(properties, (name, settings) -> clients.getObject().create(name, settings), probe,
                entry -> new TokenBucket(entry.getKey(), nodeShare(entry.getValue(), cluster)),
                (name, api) -> new CircuitBreaker(name, api, breakers, breakerSettings, alerts::getObject, Clock.systemUTC()),
                Clock.systemUTC());
    }

    TargetRegistry(TargetProperties properties, ScimClientFactory clients, CapabilityProbe probe,
                   Function<Map.Entry<String, TargetSettings>, TokenBucket> buckets,
                   BiFunction<String, ScimApi, CircuitBreaker> breakers, Clock clock) {
        Map<String, Target> built = new LinkedHashMap<>();
        properties.targets().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String name = entry.getKey();
            TargetSettings settings = entry.getValue();
            RateLimitedScimApi paced = new RateLimitedScimApi(clients.create(name, settings), buckets.apply(entry));
            CircuitBreaker breaker = breakers.apply(name, paced);
            built.put(name, new Target(name, settings.dialect(), CircuitBreakerScimApi.wrap(paced, breaker), probe, clock, breaker));
        });
        this.targets = Map.copyOf(built);
    }

    /** This node's part of the target's rate: with several nodes, the configured rate holds for the cluster. */
    static double nodeShare(TargetSettings settings, ClusterProperties cluster) {
        return settings.requestsPerSecond() / cluster.nodes();
    }

    /** A registry over already built targets (tests, the in-app sandbox). */
    public static TargetRegistry of(Collection<Target> targets) {
        return new TargetRegistry(targets);
    }

    private TargetRegistry(Collection<Target> targets) {
        Map<String, Target> built = new LinkedHashMap<>();
        targets.forEach(t -> built.put(t.name(), t));
        this.targets = Map.copyOf(built);
    }

    public Target get(String name) {
        Target target = targets.get(name);
        if (target == null) {
            throw new IllegalArgumentException("unknown target '" + name + "'; configured targets: "
                    + (targets.isEmpty() ? "none" : String.join(", ", names())));
        }
        return target;
    }

    public Collection<Target> all() {
        return names().stream().map(targets::get).toList();
    }

    public List<String> names() {
        return targets.keySet().stream().sorted().toList();
    }
}
