package dev.jmlflow.provisioning;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the {@link GroupCatalogue} trusts a target's list of groups ({@code jmlflow.group-catalogue.*}).
 *
 * @param ttl how long a read list answers starts before the target is asked again (default 5 minutes; zero asks
 *            the target on every start)
 */
@Validated
@ConfigurationProperties("jmlflow.group-catalogue")
public record GroupCatalogueProperties(@NotNull @DefaultValue("5m") Duration ttl) {

    public GroupCatalogueProperties {
        if (ttl != null && ttl.isNegative()) {
            throw new IllegalArgumentException("jmlflow.group-catalogue.ttl must not be negative");
        }
    }
}
