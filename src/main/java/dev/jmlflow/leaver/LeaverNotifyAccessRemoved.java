package dev.jmlflow.leaver;

import dev.jmlflow.process.RequestVariables;
import dev.jmlflow.employee.EmployeeRecord;
import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.notification.NotificationService;
import dev.jmlflow.notification.Recipients;
import dev.jmlflow.provisioning.LinkState;
import dev.jmlflow.policy.JmlflowGroups;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Tells HR and the leaver's manager which accounts are verified deactivated, which ops waived, and which joiner or
 * mover requests the leaver stopped.
 */
@Component("leaverNotifyAccessRemoved")
public class LeaverNotifyAccessRemoved implements JavaDelegate {

    private final NotificationService notifications;
    private final LeaverAccounts accounts;
    private final EmployeeRegistry registry;
    private final LeaverSchedule schedule;

    public LeaverNotifyAccessRemoved(NotificationService notifications, LeaverAccounts accounts,
                                       EmployeeRegistry registry, LeaverSchedule schedule) {
        this.notifications = notifications;
        this.accounts = accounts;
        this.registry = registry;
        this.schedule = schedule;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String employeeId = RequestVariables.employeeId(execution);
        String outcome = accounts.list(LeaverVariables.linkedTargets(execution)).stream()
                .map(target -> "- " + target + ": " + outcome(target, employeeId))
                .collect(Collectors.joining("\n"));
        Recipients recipients = registry.find(employeeId).map(EmployeeRecord::managerId)
                .map(manager -> Recipients.groups(JmlflowGroups.HR).and(Recipients.users(manager)))
                .orElse(Recipients.groups(JmlflowGroups.HR));
        notifications.notify(recipients, "[jmlflow] Access removed: " + employeeId,
                "The access of " + employeeId + " (last day " + LeaverVariables.lastDayText(execution) + ") has been removed.\n\n"
                        + (outcome.isEmpty() ? "No app had an account for this employee." : outcome) + "\n\n"
                        + superseded(execution)
                        + "Deactivated accounts are deleted after " + schedule.retention()
                        + ", once an app owner approves.",
                Optional.empty());
    }

    /** HR should know why a joiner or mover they started has vanished. */
    private static String superseded(DelegateExecution execution) {
        String stopped = LeaverVariables.supersededRequests(execution);
        return stopped == null || stopped.toString().isEmpty() ? ""
                : "Stopped so they cannot grant access after this leaver: " + stopped + ".\n\n";
    }

    private String outcome(String target, String employeeId) {
        LinkState state = accounts.state(target, employeeId).orElse(null);
        if (state == LinkState.DEACTIVATED) {
            return "deactivated and verified, removed from its groups";
        }
        if (state == LinkState.DELETED) {
            return "no account any more";
        }
        return "NOT verified deactivated: IT ops recorded a waiver (see the request's history)";
    }
}
