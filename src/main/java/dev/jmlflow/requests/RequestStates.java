package dev.jmlflow.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.jmlflow.engine.CompanyTimeZone;
import dev.jmlflow.policy.ApprovalDecision;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Where a request stands, in the words HR and ops use: waiting for approval by whom, scheduled for when,
 * provisioning, done, rejected with the comment, rolled back with the reason, or stuck with the incident.
 * Read from the engine's runtime and history and the approval record; nothing here writes.
 */
@Component
class RequestStates {

    /** The timers that hold a request until its day, and the start variable that names the day. */
    private static final Map<String, String> SCHEDULES = Map.of("IntermediateEvent_ProvisioningDue", "startDate",
            "IntermediateEvent_EffectiveDateReached", "effectiveDate", "IntermediateEvent_LastDayEnded", "lastDay");
    private static final String RETENTION = "IntermediateEvent_RetentionElapsed";

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final HistoryService history;
    private final ManagementService management;
    private final People people;
    private final ZoneId zone;

    RequestStates(RuntimeService runtime, TaskService tasks, HistoryService history, ManagementService management,
                  People people, CompanyTimeZone companyTimeZone) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.history = history;
        this.management = management;
        this.people = people;
        this.zone = companyTimeZone.timeZone();
    }

    String of(HistoricProcessInstance request, Map<String, Object> variables, List<ApprovalDecision> decisions) {
        return request.getEndTime() == null ? running(request, variables) : finished(request, variables, decisions);
    }

    private String running(HistoricProcessInstance request, Map<String, Object> variables) {
        List<Incident> incidents = runtime.createIncidentQuery().processInstanceId(request.getId()).list();
        if (!incidents.isEmpty()) {
            return "stuck: " + incidents.stream().map(Incident::getIncidentMessage).distinct()
                    .collect(Collectors.joining("; ")) + ", ops notified";
        }
        List<Task> open = tasks.createTaskQuery().processInstanceId(request.getId()).active().list();
        if (!open.isEmpty()) {
            return open.stream().map(this::waitingFor).distinct().collect(Collectors.joining("; "));
        }
        List<HistoricActivityInstance> waiting = history.createHistoricActivityInstanceQuery()
                .processInstanceId(request.getId()).unfinished().list();
        for (HistoricActivityInstance activity : waiting) {
            if (SCHEDULES.containsKey(activity.getActivityId())) {
                return "scheduled for " + variables.get(SCHEDULES.get(activity.getActivityId()));
            }
            if (RETENTION.equals(activity.getActivityId())) {
                return "access removed; deletion of the accounts due " + dueDate(request).map(LocalDate::toString)
                        .orElse("after the retention period") + ", once an app owner approves";
            }
        }
        return "leaver".equals(request.getProcessDefinitionKey()) ? "removing access" : "provisioning";
    }

    private String waitingFor(Task task) {
        String who = Optional.ofNullable(task.getAssignee()).map(people::name).orElseGet(() -> candidates(task));
        return "approveAccess".equals(task.getTaskDefinitionKey()) ? "waiting for approval by " + who
                : "waiting for " + who + ": " + task.getName();
    }

    private String candidates(Task task) {
        String names = tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(link -> link.getUserId() != null ? people.name(link.getUserId()) : people.group(link.getGroupId()))
                .distinct().sorted().collect(Collectors.joining(" or "));
        return names.isEmpty() ? "nobody yet" : names;
    }

    private Optional<LocalDate> dueDate(HistoricProcessInstance request) {
        return management.createJobQuery().processInstanceId(request.getId()).timers().list().stream()
                .map(Job::getDuedate).filter(java.util.Objects::nonNull).map(java.util.Date::toInstant)
                .max(Instant::compareTo).map(due -> due.atZone(zone).toLocalDate());
    }

    private String finished(HistoricProcessInstance request, Map<String, Object> variables,
                                   List<ApprovalDecision> decisions) {
        if (request.getDeleteReason() != null) {
            return "stopped: " + request.getDeleteReason();
        }
        String end = String.valueOf(request.getEndActivityId());
        if (end.endsWith("Rejected")) {
            return "rejected: " + decisions.stream().filter(decision -> !decision.approved()).reduce((a, b) -> b)
                    .map(decision -> Optional.ofNullable(decision.comment()).orElse("no comment") + " ("
                            + people.name(decision.decider()) + ")").orElse("no decision recorded");
        }
        if (end.endsWith("RolledBack")) {
            return "rolled back: " + variables.getOrDefault("failureReason", "no reason recorded");
        }
        return switch (end) {
            case "EndEvent_ChangeBlocked" -> "blocked: the new access breaks a separation-of-duties rule";
            case "EndEvent_NothingToChange" -> "done: nothing to change";
            case "EndEvent_LeaverCancelled" -> "cancelled by " + variables.getOrDefault("cancelledBy", "HR")
                    + Optional.ofNullable(variables.get("cancellationReason")).map(reason -> ": " + reason).orElse("");
            default -> "done";
        };
    }
}
