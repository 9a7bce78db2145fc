package dev.jmlflow.leaver;

import dev.jmlflow.engine.Schedule;
import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** The leaver's timers, used as {@code ${leaverSchedule...}} in {@code leaver.bpmn}. */
@Component("leaverSchedule")
public class LeaverSchedule {

    private final LeaverProperties properties;

    public LeaverSchedule(LeaverProperties properties) {
        this.properties = properties;
    }

    /** Midnight after the last day in the configured time zone: the moment access must be gone. */
    public Date endOfLastDay(String lastDay) {
        return Date.from(Schedule.parse(lastDay).plusDays(1).atStartOfDay(properties.timeZone()).toInstant());
    }

    /** Today in the configured time zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), properties.timeZone());
    }

    /** The latest last day a leaver may have today: today plus the configured horizon. */
    public LocalDate latestLastDay() {
        return today().plus(properties.lastDayHorizon());
    }

    /** The retention period as an ISO-8601 duration for the timer. */
    public String retention() {
        return properties.retention().toString();
    }
}
