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
 * Dates are {@code yyyy-MM-dd} in the configured zone; a due time in the past means "now".
 */
@Component("schedule")
public class Schedule {

    /** What the schedule is configured with; the process settings provide it, so the engine knows none of them. */
    public interface Timing {
        ZoneId timeZone();

        Duration joinerLeadTime();
    }

    private final Timing settings;

    public Schedule(Timing settings) {
        this.settings = settings;
    }

    /** The start of the day, minus the configured lead time; at once when that has passed. */
    public Date joinerProvisioningAt(String startDate) {
        return notBeforeNow(startOf(startDate).minus(settings.joinerLeadTime()));
    }

    /** The start of the effective day; at once when that has passed. */
    public Date startOfDay(String date) {
        return notBeforeNow(startOf(date));
    }

    /** Today in the configured zone, by the engine's clock (which tests may move). */
    public LocalDate today() {
        return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), settings.timeZone());
    }

    /** Parses a form date; throws {@link IllegalArgumentException} naming the expected format. */
    public static LocalDate parse(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("'" + date + "' is not a date of the form yyyy-MM-dd");
        }
    }

    private Instant startOf(String date) {
        return parse(date).atStartOfDay(settings.timeZone()).toInstant();
    }

    private static Date notBeforeNow(Instant due) {
        Date now = ClockUtil.getCurrentTime();
        return due.isBefore(now.toInstant()) ? now : Date.from(due);
    }
}
