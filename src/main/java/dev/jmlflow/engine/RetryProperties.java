package dev.jmlflow.engine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How throttled jobs wait ({@code jmlflow.retries.*}).
 *
 * @param throttleCeiling how long after its creation a job may keep waiting for a throttling target without using
 *                        up retries (default 2 days: a leaver waits through a whole day of 429s without an incident)
 * @param backoffStart    the first wait after a 429 without Retry-After (default 30 s)
 * @param backoffMax      the longest single wait after a 429 without Retry-After (default 1 h)
 */
@ConfigurationProperties("jmlflow.retries")
public record RetryProperties(Duration throttleCeiling, Duration backoffStart, Duration backoffMax) {

    public RetryProperties {
        throttleCeiling = throttleCeiling == null ? Duration.ofDays(2) : throttleCeiling;
        backoffStart = backoffStart == null ? Duration.ofSeconds(30) : backoffStart;
        backoffMax = backoffMax == null ? Duration.ofHours(1) : backoffMax;
        if (throttleCeiling.isNegative()) {
            throw new IllegalArgumentException("jmlflow.retries.throttle-ceiling must not be negative");
        }
        if (backoffStart.isNegative() || backoffStart.isZero() || backoffMax.compareTo(backoffStart) < 0) {
            throw new IllegalArgumentException("jmlflow.retries.backoff-start must be positive and at most backoff-max");
        }
    }

    public static RetryProperties defaults() {
        return new RetryProperties(null, null, null);
    }
}
