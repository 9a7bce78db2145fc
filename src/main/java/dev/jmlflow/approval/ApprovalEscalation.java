package dev.jmlflow.approval;

import dev.jmlflow.notification.NotificationService;
import dev.jmlflow.notification.Recipients;
import dev.jmlflow.policy.ApprovalPolicy;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Escalates this request's overdue open tasks to IT ops: they become candidates (so they can decide in place of
 * an absent approver, still under the four-eyes guard) and get a mail.
 */
@Component("approvalEscalation")
public class ApprovalEscalation implements JavaDelegate {

    private final NotificationService notifications;

    public ApprovalEscalation(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        for (Task task : OpenTasks.of(execution)) {
            tasks.addCandidateGroup(task.getId(), ApprovalPolicy.OPERATORS);
            notifications.taskWaiting(Recipients.groups(ApprovalPolicy.OPERATORS), task.getId(),
                    "Escalated: " + task.getName(), execution.getProcessBusinessKey());
        }
    }
}
