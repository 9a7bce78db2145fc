package dev.jmlflow.observability;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param targetCheckInterval how often each target is checked in the background for {@code /actuator/health} */
@Validated
@ConfigurationProperties("jmlflow.health")
public record HealthProperties(@NotNull @DefaultValue("30s") Duration targetCheckInterval) {

    public HealthProperties {
        if (targetCheckInterval != null && (targetCheckInterval.isNegative() || targetCheckInterval.isZero())) {
            throw new IllegalArgumentException("jmlflow.health.target-check-interval must be positive");
        }
    }
}
