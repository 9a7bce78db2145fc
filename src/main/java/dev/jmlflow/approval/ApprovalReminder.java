package dev.jmlflow.approval;

import dev.jmlflow.notification.NotificationService;
import dev.jmlflow.notification.Recipients;
import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** Reminds the approvers of this request's open tasks (the assignee, else the candidate groups) by mail. */
@Component("approvalReminder")
public class ApprovalReminder implements JavaDelegate {

    private final NotificationService notifications;

    public ApprovalReminder(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        for (Task task : OpenTasks.of(execution)) {
            notifications.taskWaiting(approvers(tasks, task), task.getId(), "Reminder: " + task.getName(),
                    execution.getProcessBusinessKey());
        }
    }

    static Recipients approvers(TaskService tasks, Task task) {
        if (task.getAssignee() != null) {
            return Recipients.users(task.getAssignee());
        }
        Set<String> groups = new HashSet<>();
        Set<String> users = new HashSet<>();
        for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
                if (link.getGroupId() != null) {
                    groups.add(link.getGroupId());
                }
                if (link.getUserId() != null) {
                    users.add(link.getUserId());
                }
            }
        }
        return new Recipients(users, groups);
    }
}
