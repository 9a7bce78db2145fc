package dev.jmlflow.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * When dated work is due, for the timer events of the processes ({@code ${schedule.joinerProvisioningAt(startDate)}}).
 * Dates are {@code yyyy-MM-dd} in the company's time zone ({@link CompanyTimeZone}); a due time in the past means "now".
 */
@Component("schedule")
public class Schedule {

    /** The joiner's lead time; the process settings provide it, so the engine knows none of them. */
    public interface Timing {
        Duration joinerLeadTime();
    }

    private final ZoneId zone;
    private final Timing settings;

    public Schedule(CompanyTimeZone zone, Timing settings) {
        this.zone = zone.timeZone();
        this.settings = settings;
    }

    /** The start of the day, minus the configured lead time; at once when that has passed. */
    public Date joinerProvisioningAt(String startDate) {
        return notBeforeNow(startOf(parse(startDate)).minus(settings.joinerLeadTime()));
    }

    /** The start of the effective day; at once when that has passed. */
    public Date startOfDay(String date) {
        return notBeforeNow(startOf(parse(date)));
    }

    /** Midnight at the start of the day in the company's time zone, even when that has passed. */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** Today in the company's time zone, by the engine's clock (which tests may move). */
    public LocalDate today() {
        return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone);
    }

    /** Parses a form date; throws {@link IllegalArgumentException} naming the expected format. */
    public static LocalDate parse(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("'" + date + "' is not a date of the form yyyy-MM-dd");
        }
    }

    private static Date notBeforeNow(Instant due) {
        Date now = ClockUtil.getCurrentTime();
        return due.isBefore(now.toInstant()) ? now : Date.from(due);
    }
}
