package dev.jmlflow.provisioning;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

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
@ConfigurationProperties("jmlflow.provisioning")
public record ProvisioningProperties(Duration createSettleWindow, Integer readBackAttempts, Duration readBackDelay,
                                     Duration groupIdTtl) {

    public ProvisioningProperties {
        createSettleWindow = createSettleWindow == null ? Duration.ofSeconds(30) : createSettleWindow;
        readBackAttempts = readBackAttempts == null ? 3 : readBackAttempts;
        readBackDelay = readBackDelay == null ? Duration.ofMillis(500) : readBackDelay;
        groupIdTtl = groupIdTtl == null ? Duration.ofMinutes(5) : groupIdTtl;
        if (groupIdTtl.isNegative()) {
            throw new IllegalArgumentException("jmlflow.provisioning.group-id-ttl must not be negative");
        }
        if (readBackAttempts < 1) {
            throw new IllegalArgumentException("jmlflow.provisioning.read-back-attempts must be at least 1");
        }
    }

    public static ProvisioningProperties defaults() {
        return new ProvisioningProperties(null, null, null, null);
    }
}
