package dev.jmlflow.leaver;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The leaver's timing ({@code jmlflow.leaver.*}); a scheduled leaver loses access at midnight after the last day in
 * the company's time zone ({@code jmlflow.time-zone}, {@link dev.jmlflow.engine.CompanyTimeZone}).
 *
 * @param retention how long deactivated accounts are kept before their deletion is put to the app owners
 *                  ({@code jmlflow.leaver.retention}, ISO-8601 such as {@code P30D})
 * @param lastDayHorizon how far ahead a last day may be, on start and on re-date ({@code jmlflow.leaver.last-day-horizon},
 *                  ISO-8601 such as {@code P1Y}, the default): a date years away is a typo, or a leaver nobody can stop
 */
@Validated
@ConfigurationProperties("jmlflow.leaver")
public record LeaverProperties(@NotNull @DefaultValue("P30D") Duration retention,
                               @NotNull @DefaultValue("P1Y") Period lastDayHorizon) {

    public LeaverProperties {
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("jmlflow.leaver.retention must be positive, e.g. P30D");
        }
        if (lastDayHorizon != null && (lastDayHorizon.isNegative() || lastDayHorizon.isZero())) {
            throw new IllegalArgumentException("jmlflow.leaver.last-day-horizon must be positive, e.g. P1Y");
        }
    }
}
