package dev.jmlflow.observability;

import java.time.Instant;
import java.util.Optional;

import dev.jmlflow.engine.QuarantinedJobs;
import dev.jmlflow.notification.NotificationService;
import dev.jmlflow.notification.Recipients;
import dev.jmlflow.policy.JmlflowGroups;
import dev.jmlflow.targets.BreakerAlerts;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * What ops get when a target is quarantined: one Tasklist task for {@value JmlflowGroups#IT_OPS} that names the
 * target and the error (one item, however many requests wait), and one mail linking to it. The task is completed
 * by jmlflow when the breaker closes, and the jobs held back for the target are woken then. Called on one node per
 * opening and closing (see the circuit breaker).
 */
final class QuarantineAlerts implements BreakerAlerts {

    private final NotificationService notifications;
    private final TaskService tasks;
    private final QuarantinedJobs waiting;

    QuarantineAlerts(NotificationService notifications, TaskService tasks, QuarantinedJobs waiting) {
        this.notifications = notifications;
        this.tasks = tasks;
        this.waiting = waiting;
    }

    static String taskName(String target) {
        return "Target " + target + " is quarantined";
    }

    @Override
    public void opened(String target, String reason, Instant since) {
        String text = "jmlflow stopped sending requests to " + target + " (circuit breaker OPEN since " + since + ").\n\n"
                + "Error: " + reason + "\n\n"
                + "Requests for " + target + " wait without using up their retries. jmlflow probes the target"
                + " regularly and carries on by itself once it answers. After a fix (e.g. a new token) you can close"
                + " the breaker at once: POST /api/targets/" + target + "/breaker {\"state\":\"closed\"}.";
        Task task = tasks.newTask();
        task.setName(taskName(target));
        task.setDescription(text);
        task.setPriority(100);
        tasks.saveTask(task);
        tasks.addCandidateGroup(task.getId(), JmlflowGroups.IT_OPS);
        notifications.notify(Recipients.groups(JmlflowGroups.IT_OPS), "[jmlflow] " + taskName(target) + ": " + reason,
                text, Optional.of(task.getId()));
    }

    @Override
    public void closed(String target, String how) {
        tasks.createTaskQuery().taskName(taskName(target)).list().forEach(task -> tasks.complete(task.getId()));
        waiting.wake(target);
    }
}
