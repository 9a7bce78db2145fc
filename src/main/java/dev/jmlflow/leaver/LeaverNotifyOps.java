package dev.jmlflow.leaver;

import dev.jmlflow.process.RequestVariables;
import dev.jmlflow.notification.NotificationService;
import dev.jmlflow.notification.Recipients;
import dev.jmlflow.policy.JmlflowGroups;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Tells IT ops that one app's account of a leaver is blocked and waits for them. */
@Component("leaverNotifyOps")
public class LeaverNotifyOps implements JavaDelegate {

    private final NotificationService notifications;

    public LeaverNotifyOps(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String employeeId = RequestVariables.employeeId(execution);
        String target = RequestVariables.target(execution);
        String problem = LeaverVariables.problem(execution);
        notifications.notify(Recipients.groups(JmlflowGroups.IT_OPS),
                "[jmlflow] Leaver " + employeeId + ": the account in " + target + " needs you",
                "The leaver request for " + employeeId + " could not deactivate the account in " + target + ".\n\n"
                        + "Problem: " + (problem == null ? "not recorded" : problem) + "\n\n"
                        + "Nothing was written to that account. The task \"Resolve blocked account\" is waiting in "
                        + "Tasklist for it-ops: fix the cause and try again, or record a waiver with a reason. "
                        + "The request stays open until then; the other apps are not held up.",
                Optional.empty());
    }
}
