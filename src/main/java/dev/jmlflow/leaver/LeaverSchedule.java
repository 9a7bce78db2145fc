package dev.jmlflow.leaver;

import dev.jmlflow.engine.Schedule;
import java.time.LocalDate;
import java.util.Date;
import org.springframework.stereotype.Component;

/** The leaver's timers, used as {@code ${leaverSchedule...}} in {@code leaver.bpmn}. */
@Component("leaverSchedule")
public class LeaverSchedule {

    private final Schedule schedule;
    private final LeaverProperties properties;

    public LeaverSchedule(Schedule schedule, LeaverProperties properties) {
        this.schedule = schedule;
        this.properties = properties;
    }

    /** Midnight after the last day in the company's time zone: the moment access must be gone. */
    public Date endOfLastDay(String lastDay) {
        return Date.from(schedule.startOf(Schedule.parse(lastDay).plusDays(1)));
    }

    /** Today in the company's time zone. */
    public LocalDate today() {
        return schedule.today();
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
