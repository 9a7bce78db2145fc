package dev.jmlflow.process;

import dev.jmlflow.engine.Schedule;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Timing of the joiner and mover processes ({@code jmlflow.process.*}).
 *
 * @param approvalReminder   how long an approval may wait before its approvers get a reminder (default 2 days)
 * @param approvalEscalation how long before it is escalated to IT ops (default 5 days); must exceed the reminder
 * @param joinerLeadTime     how long before the start date a joiner's accounts are provisioned (default 1 day)
 */
@Validated
@ConfigurationProperties("jmlflow.process")
public record ProcessSettings(@NotNull @DefaultValue("P2D") Duration approvalReminder,
                              @NotNull @DefaultValue("P5D") Duration approvalEscalation,
                              @NotNull @DefaultValue("P1D") Duration joinerLeadTime) implements Schedule.Timing {

    public ProcessSettings {
        if (approvalReminder != null && (approvalReminder.isNegative() || approvalReminder.isZero())) {
            throw new IllegalArgumentException("jmlflow.process.approval-reminder must be positive");
        }
        if (approvalReminder != null && approvalEscalation != null && approvalEscalation.compareTo(approvalReminder) <= 0) {
            throw new IllegalArgumentException("jmlflow.process.approval-escalation must be longer than approval-reminder");
        }
        if (joinerLeadTime != null && joinerLeadTime.isNegative()) {
            throw new IllegalArgumentException("jmlflow.process.joiner-lead-time must not be negative");
        }
    }
}
