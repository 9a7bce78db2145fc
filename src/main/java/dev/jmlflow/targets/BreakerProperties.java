package dev.jmlflow.targets;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The per-target circuit breaker ({@code jmlflow.breaker.*}).
 *
 * @param failureThreshold consecutive transient failures (5xx, timeouts, no connection) that open it (default 5);
 *                         a 401 or 403 opens it at once
 * @param probeInterval    how long it stays OPEN before a half-open probe, and between probes (default 5 min)
 */
@Validated
@ConfigurationProperties("jmlflow.breaker")
public record BreakerProperties(@NotNull @Min(1) @DefaultValue("5") Integer failureThreshold,
                                @NotNull @DefaultValue("5m") Duration probeInterval) {

    public BreakerProperties {
        if (probeInterval != null && (probeInterval.isNegative() || probeInterval.isZero())) {
            throw new IllegalArgumentException("jmlflow.breaker.probe-interval must be positive");
        }
    }
}
