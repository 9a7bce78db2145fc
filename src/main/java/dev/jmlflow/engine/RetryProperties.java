package dev.jmlflow.engine;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.util.ParseUtil;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How failed and throttled jobs wait ({@code jmlflow.retries.*}).
 *
 * @param throttleCeiling how long after its creation a job may keep waiting for a throttling target without using
 *                        up retries (default 2 days: a leaver waits through a whole day of 429s without an incident)
 * @param backoffStart    the first wait after a 429 without Retry-After (default 30 s)
 * @param backoffMax      the longest single wait after a 429 without Retry-After (default 1 h)
 * @param profiles        retry cycles by purpose ({@code jmlflow.retries.profiles.scim-write=R10/PT5M}); each async
 *                        BPMN activity names one as {@code retryProfile}. Given entries replace the built-in ones of
 *                        the same name ({@link #BUILT_IN_PROFILES}), new names add a profile.
 */
@Validated
@ConfigurationProperties("jmlflow.retries")
public record RetryProperties(@NotNull @DefaultValue("P2D") Duration throttleCeiling,
                              @NotNull @DefaultValue("30s") Duration backoffStart,
                              @NotNull @DefaultValue("1h") Duration backoffMax,
                              Map<String, String> profiles) {

    /** What each purpose tolerates: a leaver's cut-off keeps trying longest, a read-back starts fast. */
    public static final Map<String, String> BUILT_IN_PROFILES = Map.of(
            "scim-write", "R5/PT5M",
            "scim-read", "R5/PT5M",
            "scim-delete", "R5/PT10M",
            "cut-off", "R10/PT5M",
            "read-back", "PT5S,PT10S,PT30S,PT1M,PT2M,PT5M,PT5M,PT5M,PT5M,PT5M",
            "mail", "R5/PT5M");

    public RetryProperties {
        if (throttleCeiling != null && throttleCeiling.isNegative()) {
            throw new IllegalArgumentException("jmlflow.retries.throttle-ceiling must not be negative");
        }
        if (backoffStart != null && backoffMax != null
                && (backoffStart.isNegative() || backoffStart.isZero() || backoffMax.compareTo(backoffStart) < 0)) {
            throw new IllegalArgumentException("jmlflow.retries.backoff-start must be positive and at most backoff-max");
        }
        Map<String, String> merged = new TreeMap<>(BUILT_IN_PROFILES);
        if (profiles != null) {
            merged.putAll(profiles);
        }
        merged.forEach(RetryProperties::cycle);
        profiles = Map.copyOf(merged);
    }

    public static RetryProperties defaults() {
        return new RetryProperties(Duration.ofDays(2), Duration.ofSeconds(30), Duration.ofHours(1), null);
    }

    /** The engine's form of a profile; unknown names and unreadable cycles are refused naming the key. */
    FailedJobRetryConfiguration retryConfiguration(String profile) {
        String value = profiles.get(profile);
        if (value == null) {
            throw new IllegalArgumentException("retry profile '" + profile + "' is not configured (jmlflow.retries.profiles."
                    + profile + "); known: " + String.join(", ", new TreeMap<>(profiles).keySet()));
        }
        return cycle(profile, value);
    }

    private static FailedJobRetryConfiguration cycle(String profile, String value) {
        // expressions would need a running engine to parse, and a profile is configuration, not process data
        FailedJobRetryConfiguration cycle = value == null || value.isBlank() || value.contains("{") ? null
                : ParseUtil.parseRetryIntervals(value.strip());
        if (cycle == null) {
            throw new IllegalArgumentException("jmlflow.retries.profiles." + profile + " must be a retry cycle such as"
                    + " R5/PT5M or PT5S,PT1M,PT5M, not '" + value + "'");
        }
        return cycle;
    }
}
