package dev.jmlflow.provisioning;

import dev.jmlflow.targets.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each target's group ids by displayName, kept for {@link ProvisioningProperties#groupIdTtl()}: a group keeps its id,
 * so every membership change need not look the group up again (one call per change saved). The cache is per node and
 * only saves calls: an id that answers 404 is dropped and the group looked up again, and a TTL of zero turns it off.
 */
final class GroupIds {

    private record Kept(String id, Instant readAt) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    GroupIds(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The id looked up within the TTL, if any. */
    Optional<String> kept(Target t, String displayName) {
        return Optional.ofNullable(kept.get(key(t, displayName)))
                .filter(k -> k.readAt().plus(ttl).isAfter(clock.instant())).map(Kept::id);
    }

    /** Looks the group up now ({@link Lookups#groupByName}) and keeps its id. */
    String lookUp(Target t, String displayName) {
        String id = Lookups.groupByName(t, displayName).id();
        if (!ttl.isZero()) {
            kept.put(key(t, displayName), new Kept(id, clock.instant()));
        }
        return id;
    }

    void forget(Target t, String displayName) {
        kept.remove(key(t, displayName));
    }

    private static String key(Target t, String displayName) {
        // displayNames are matched case-insensitively, as the lookup does
        return t.name() + '\n' + displayName.toLowerCase(Locale.ROOT);
    }
}
