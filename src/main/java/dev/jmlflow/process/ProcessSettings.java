package dev.jmlflow.process;

import dev.jmlflow.engine.Schedule;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Timing of the joiner and mover processes ({@code jmlflow.process.*}).
 *
 * @param approvalReminder   how long an approval may wait before its approvers get a reminder (default 2 days)
 * @param approvalEscalation how long before it is escalated to IT ops (default 5 days); must exceed the reminder
 * @param joinerLeadTime     how long before the start date a joiner's accounts are provisioned (default 1 day)
 */
@ConfigurationProperties("jmlflow.process")
public record ProcessSettings(Duration approvalReminder, Duration approvalEscalation, Duration joinerLeadTime)
        implements Schedule.Timing {

    public ProcessSettings {
        approvalReminder = approvalReminder == null ? Duration.ofDays(2) : approvalReminder;
        approvalEscalation = approvalEscalation == null ? Duration.ofDays(5) : approvalEscalation;
        joinerLeadTime = joinerLeadTime == null ? Duration.ofDays(1) : joinerLeadTime;
        if (approvalReminder.isNegative() || approvalReminder.isZero()) {
            throw new IllegalArgumentException("jmlflow.process.approval-reminder must be positive");
        }
        if (approvalEscalation.compareTo(approvalReminder) <= 0) {
            throw new IllegalArgumentException("jmlflow.process.approval-escalation must be longer than approval-reminder");
        }
        if (joinerLeadTime.isNegative()) {
            throw new IllegalArgumentException("jmlflow.process.joiner-lead-time must not be negative");
        }
    }

    public static ProcessSettings defaults() {
        return new ProcessSettings(null, null, null);
    }
}
