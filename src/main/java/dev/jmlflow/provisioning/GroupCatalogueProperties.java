package dev.jmlflow.provisioning;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the {@link GroupCatalogue} trusts a target's list of groups ({@code jmlflow.group-catalogue.*}).
 *
 * @param ttl how long a read list answers starts before the target is asked again (default 5 minutes; zero asks
 *            the target on every start)
 */
@ConfigurationProperties("jmlflow.group-catalogue")
public record GroupCatalogueProperties(Duration ttl) {

    public GroupCatalogueProperties {
        ttl = ttl == null ? Duration.ofMinutes(5) : ttl;
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("jmlflow.group-catalogue.ttl must not be negative");
        }
    }

    public static GroupCatalogueProperties defaults() {
        return new GroupCatalogueProperties(null);
    }
}
