package dev.jmlflow.provisioning;

import dev.jmlflow.scim.ScimGroup;
import dev.jmlflow.targets.Target;
import dev.jmlflow.targets.TargetRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The displayNames of each target's groups, so that a request can be refused as it starts when it names a group
 * the target positively does not have, instead of failing later at provisioning.
 * <p>
 * Only a complete read counts: the target answered every page of {@code GET /Groups} as a SCIM ListResponse.
 * When the list cannot be read (the target is down, times out, is quarantined, answers something else, or has
 * more groups than one page and paging is not reliable there), nothing is known and nothing is refused; the
 * provisioning step then reports an unknown group as it always did ({@link UnknownGroupException}). Names are
 * compared case-insensitively, as the provisioning lookup does.
 * <p>
 * A complete list is kept for {@link GroupCatalogueProperties#ttl()}, so that starts naming existing groups do not
 * call the target each time. A group missing from the kept list is asked for again before anything is refused, so
 * a group created on the target a minute ago is never refused. The cache is per node and only saves calls; a stale
 * or missing entry never lets a start through that would otherwise be refused, or the reverse.
 */
@Component
public class GroupCatalogue {

    private static final Logger log = LoggerFactory.getLogger(GroupCatalogue.class);

    private final TargetRegistry targets;
    private final GroupCatalogueProperties properties;
    private final Clock clock;
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();

    /** The groups of one target as read at {@code readAt}. */
    private record Listing(Instant readAt, Set<String> displayNames) {
    }

    @Autowired
    public GroupCatalogue(TargetRegistry targets, GroupCatalogueProperties properties) {
        this(targets, properties, Clock.systemUTC());
    }

    GroupCatalogue(TargetRegistry targets, GroupCatalogueProperties properties, Clock clock) {
        this.targets = targets;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * True only when the groups of {@code target} were read completely, just now, and none of them is named
     * {@code displayName} (ignoring case); false when the group exists or the list could not be read.
     */
    public boolean knownAbsent(String target, String displayName) {
        Listing kept = listings.get(target);
        if (kept != null && kept.readAt().plus(properties.ttl()).isAfter(clock.instant())
                && kept.displayNames().contains(displayName)) {
            return false;
        }
        return read(target).map(names -> !names.contains(displayName)).orElse(false);
    }

    /** Every group's displayName, or empty when the list is not known to be complete. */
    private Optional<Set<String>> read(String name) {
        try {
            Target target = targets.get(name);
            Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            Pager.collect(target, "group list", start -> target.api().listGroups(start, Pager.PAGE_SIZE), ScimGroup::id)
                    .stream().map(ScimGroup::displayName).filter(Objects::nonNull).forEach(names::add);
            listings.put(name, new Listing(clock.instant(), Collections.unmodifiableSet(names)));
            return Optional.of(names);
        } catch (RuntimeException e) {
            // a partial or broken list, or no answer; the exception's class only: a message may quote the target
            return unknown(name, e.getClass().getSimpleName());
        }
    }

    private static Optional<Set<String>> unknown(String target, String why) {
        log.info("Groups of {} not known ({}); requested groups there are checked at provisioning", target, why);
        return Optional.empty();
    }
}
