package dev.jmlflow.approval;

import dev.jmlflow.process.ProcessSettings;
import org.springframework.stereotype.Component;

/** The approval timers as ISO-8601 durations for the boundary events ({@code ${approvalTimers.reminder()}}). */
@Component("approvalTimers")
public class ApprovalTimers {

    private final ProcessSettings settings;

    public ApprovalTimers(ProcessSettings settings) {
        this.settings = settings;
    }

    public String reminder() {
        return settings.approvalReminder().toString();
    }

    public String escalation() {
        return settings.approvalEscalation().toString();
    }
}
