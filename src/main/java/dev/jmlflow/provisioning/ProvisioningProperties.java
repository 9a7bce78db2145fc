package dev.jmlflow.provisioning;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Timing of the provisioning layer ({@code jmlflow.provisioning.*}).
 *
 * @param createSettleWindow after a create was sent, how long a lookup that finds nothing is not trusted (R-J-4):
 *                           no second POST inside this window
 * @param readBackAttempts   reads after a write (or a lookup after our own create) before giving up with a
 *                           transient error, so the job retries later
 * @param readBackDelay      pause between those reads, doubled after each one
 * @param groupIdTtl         how long a looked-up group id is used before the group is looked up again (default 5
 *                           minutes; zero looks it up for every membership change)
 */
@Validated
@ConfigurationProperties("jmlflow.provisioning")
public record ProvisioningProperties(@NotNull @DefaultValue("30s") Duration createSettleWindow,
                                     @NotNull @Min(1) @DefaultValue("3") Integer readBackAttempts,
                                     @NotNull @DefaultValue("500ms") Duration readBackDelay,
                                     @NotNull @DefaultValue("5m") Duration groupIdTtl) {

    public ProvisioningProperties {
        if (groupIdTtl != null && groupIdTtl.isNegative()) {
            throw new IllegalArgumentException("jmlflow.provisioning.group-id-ttl must not be negative");
        }
    }

    public static ProvisioningProperties defaults() {
        return new ProvisioningProperties(Duration.ofSeconds(30), 3, Duration.ofMillis(500), Duration.ofMinutes(5));
    }
}
