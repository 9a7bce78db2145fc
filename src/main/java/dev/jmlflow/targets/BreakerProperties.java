package dev.jmlflow.targets;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The per-target circuit breaker ({@code jmlflow.breaker.*}).
 *
 * @param failureThreshold consecutive transient failures (5xx, timeouts, no connection) that open it (default 5);
 *                         a 401 or 403 opens it at once
 * @param probeInterval    how long it stays OPEN before a half-open probe, and between probes (default 5 min)
 */
@ConfigurationProperties("jmlflow.breaker")
public record BreakerProperties(Integer failureThreshold, Duration probeInterval) {

    public BreakerProperties {
        failureThreshold = failureThreshold == null ? 5 : failureThreshold;
        probeInterval = probeInterval == null ? Duration.ofMinutes(5) : probeInterval;
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("jmlflow.breaker.failure-threshold must be at least 1");
        }
        if (probeInterval.isNegative() || probeInterval.isZero()) {
            throw new IllegalArgumentException("jmlflow.breaker.probe-interval must be positive");
        }
    }
}
