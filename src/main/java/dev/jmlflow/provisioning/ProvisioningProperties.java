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
 */
@ConfigurationProperties("jmlflow.provisioning")
public record ProvisioningProperties(Duration createSettleWindow, Integer readBackAttempts, Duration readBackDelay) {

    public ProvisioningProperties {
        createSettleWindow = createSettleWindow == null ? Duration.ofSeconds(30) : createSettleWindow;
        readBackAttempts = readBackAttempts == null ? 3 : readBackAttempts;
        readBackDelay = readBackDelay == null ? Duration.ofMillis(500) : readBackDelay;
        if (readBackAttempts < 1) {
            throw new IllegalArgumentException("jmlflow.provisioning.read-back-attempts must be at least 1");
        }
    }

    public static ProvisioningProperties defaults() {
        return new ProvisioningProperties(null, null, null);
    }
}
