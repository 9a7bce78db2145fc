package dev.jmlflow.target;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The configured targets, one rate-limited client each, built once at start-up. */
@Component
public class TargetRegistry {

    private final Map<String, Target> targets;

    /** The client factory is only needed when a target is configured (without any, the sandbox is used). */
    @Autowired
    public TargetRegistry(TargetProperties properties, ObjectProvider<ScimClientFactory> clients, CapabilityProbe probe) {
        this(properties, (name, settings) -> clients.getObject().create(name, settings), probe,
                entry -> new TokenBucket(entry.getKey(), entry.getValue().requestsPerSecond()), Clock.systemUTC());
    }

    TargetRegistry(TargetProperties properties, ScimClientFactory clients, CapabilityProbe probe,
                   Function<Map.Entry<String, TargetSettings>, TokenBucket> buckets, Clock clock) {
        Map<String, Target> built = new LinkedHashMap<>();
        properties.targets().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String name = entry.getKey();
            TargetSettings settings = entry.getValue();
            RateLimitedScimApi api = new RateLimitedScimApi(clients.create(name, settings), buckets.apply(entry));
            built.put(name, new Target(name, settings.dialect(), api, probe, clock));
        });
        this.targets = Map.copyOf(built);
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
