package dev.jmlflow.engine;

import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The one zone of every dated step ({@code jmlflow.time-zone}): a joiner's start date, a mover's effective date and
 * a leaver's last day are all days there, and "today" on every form is today there.
 *
 * @param timeZone the company's time zone, e.g. {@code Europe/Berlin} (default UTC, not the server's, so a move of
 *                 the server never moves a cut-off)
 */
@Validated
@ConfigurationProperties("jmlflow")
public record CompanyTimeZone(@NotNull @DefaultValue("UTC") ZoneId timeZone) {
}
