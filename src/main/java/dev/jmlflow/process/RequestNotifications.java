package dev.jmlflow.process;

import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.engine.CommandConnection;
import dev.jmlflow.notification.NotificationService;
import dev.jmlflow.notification.Recipients;
import dev.jmlflow.policy.ApprovalDecision;
import dev.jmlflow.policy.ApprovalRecord;
import dev.jmlflow.policy.JmlflowGroups;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The mails that end a joiner or mover request, called from its send tasks
 * ({@code camunda:expression="${requestNotifications.rejected(execution)}"}). HR means the {@code hr} group and
 * the requester; ops means {@code it-ops}.
 */
@Component("requestNotifications")
public class RequestNotifications {

    private final NotificationService notifications;

    public RequestNotifications(NotificationService notifications) {
        this.notifications = notifications;
    }

    /** The plan was rejected: HR learns who decided and why. */
    public void rejected(DelegateExecution execution) {
        notifications.notify(hr(execution), "[jmlflow] Access rejected: " + request(execution),
                "The access plan for " + request(execution) + " was rejected; nothing was changed on any app.\n\n"
                        + log(execution), Optional.empty());
    }

    /** The change is done: HR and the manager get the plan that was carried out. */
    public void completed(DelegateExecution execution) {
        notifications.notify(hr(execution).and(Recipients.users(text(execution, MANAGER_ID))),
                "[jmlflow] Access ready: " + request(execution),
                "The access for " + request(execution) + " is in place.\n\n"
                        + text(execution, AccessPlanVariables.PLAN_TEXT), Optional.empty());
    }

    /** A permanent failure: everything done so far was undone; HR and ops learn the reason. */
    public void rolledBack(DelegateExecution execution) {
        notifications.requestFailed(hr(execution).and(Recipients.groups(JmlflowGroups.IT_OPS)), request(execution),
                "Reason: " + ProvisioningFailure.reason(execution)
                        + "\n\nEvery account and group change this request had made was undone.");
    }

    /** Separation of duties blocks the plan (a mover found out only after reading the targets). */
    public void blocked(DelegateExecution execution) {
        notifications.requestFailed(hr(execution), request(execution),
                "The new access plan breaks a separation-of-duties rule; nothing was changed.\n\n"
                        + text(execution, AccessPlanVariables.PLAN_TEXT));
    }

    private static Recipients hr(DelegateExecution execution) {
        Recipients hr = Recipients.groups(JmlflowGroups.HR);
        String requester = text(execution, REQUESTER);
        return requester == null ? hr : hr.and(Recipients.users(requester));
    }

    private static String request(DelegateExecution execution) {
        return execution.getProcessDefinitionId().split(":")[0] + " " + execution.getProcessBusinessKey();
    }

    /** The request's approval decisions from the approval record, one line each. */
    private static String log(DelegateExecution execution) {
        return ApprovalRecord.of(CommandConnection.current(), execution.getProcessInstanceId()).stream()
                .map(ApprovalDecision::describe).collect(Collectors.joining("\n"));
    }
}
