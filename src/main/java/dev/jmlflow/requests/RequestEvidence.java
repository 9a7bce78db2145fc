package dev.jmlflow.requests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.jmlflow.policy.ApprovalDecision;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * A request's evidence, from what jmlflow already records: who requested it (the history's start user), who
 * decided each approval stage (the approval record), and per app each account and group step with its times and
 * result (the history's activity instances, whose app and group are the local variables {@code target} and
 * {@code group} of the subprocess instance they ran in, and {@code accountChange} for what ensuring the account did).
 */
@Component
class RequestEvidence {

    /** The steps that change an app, by BPMN activity id, in words. */
    private static final Map<String, String> STEPS = Map.ofEntries(
            Map.entry("Task_EnsureAccount", "account"),
            Map.entry("Task_LinkExistingAccount", "existing account linked by ops"),
            Map.entry("Task_UndoAccount", "account undone (rollback)"),
            Map.entry("Task_UpdateAccount", "account updated"),
            Map.entry("Task_RestoreAccount", "account restored (rollback)"),
            Map.entry("Task_AddGroup", "added to group"),
            Map.entry("Task_UndoAddGroup", "removed from group (rollback)"),
            Map.entry("Task_RemoveGroup", "removed from group"),
            Map.entry("Task_UndoRemoveGroup", "added back to group (rollback)"),
            Map.entry("Task_DeactivateAccount", "account deactivated and verified"),
            Map.entry("Task_RemoveGroupMemberships", "removed from every group"),
            Map.entry("Task_VerifyAccessRemoved", "access removal verified"),
            Map.entry("Task_ResolveIdentityMismatch", "blocked account resolved by ops"),
            Map.entry("Task_DeleteAccount", "account deleted"));
    private static final Map<String, String> ACCOUNT_CHANGES = Map.of("CREATED", "account created",
            "REACTIVATED", "account reactivated", "ADOPTED", "existing account linked", "UNCHANGED", "account already active");
    private static final String JMLFLOW = "jmlflow";

    private final HistoryService history;
    private final People people;

    RequestEvidence(HistoryService history, People people) {
        this.history = history;
        this.people = people;
    }

    List<Evidence> of(HistoricProcessInstance request, List<ApprovalDecision> decisions) {
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence("", "requested", request.getProcessDefinitionKey() + " " + request.getBusinessKey(),
                request.getStartTime().toInstant(), request.getStartTime().toInstant(), "done",
                people.name(request.getStartUserId())));
        decisions.forEach(decision -> evidence.add(new Evidence("", (decision.approved() ? "approved" : "rejected")
                + " (" + decision.stage() + ")", Objects.toString(decision.comment(), ""), decision.decidedAt(),
                decision.decidedAt(), decision.approved() ? "approved" : "rejected", people.name(decision.decider()))));
        evidence.addAll(appSteps(request.getId()));
        return List.copyOf(evidence);
    }

    private List<Evidence> appSteps(String processInstanceId) {
        List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId).orderByHistoricActivityInstanceStartTime().asc()
                .orderPartiallyByOccurrence().asc().list();
        Map<String, HistoricActivityInstance> byId = activities.stream()
                .collect(Collectors.toMap(HistoricActivityInstance::getId, Function.identity()));
        Map<String, Map<String, Object>> locals = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).list()) {
            locals.computeIfAbsent(variable.getActivityInstanceId(), scope -> new HashMap<>())
                    .put(variable.getName(), variable.getValue());
        }
        return activities.stream().filter(activity -> STEPS.containsKey(activity.getActivityId()))
                .map(activity -> step(activity, scope(activity, byId, locals)))
                .toList();
    }

    private Evidence step(HistoricActivityInstance activity, Function<String, Object> scope) {
        String step = STEPS.get(activity.getActivityId());
        if ("Task_EnsureAccount".equals(activity.getActivityId())) {
            step = activity.getEndTime() == null || activity.isCanceled() ? "account"
                    : ACCOUNT_CHANGES.getOrDefault(String.valueOf(scope.apply("accountChange")), "account");
        }
        String detail = Optional.ofNullable(scope.apply("group")).map(String::valueOf)
                .or(() -> Optional.ofNullable(activity.isCanceled() ? scope.apply("appFailureReason") : null)
                        .map(String::valueOf))
                .orElse("");
        return new Evidence(Objects.toString(scope.apply("target"), ""), step, detail, activity.getStartTime().toInstant(),
                activity.getEndTime() == null ? null : activity.getEndTime().toInstant(), result(activity),
                Optional.ofNullable(activity.getAssignee()).map(people::name).orElse(JMLFLOW));
    }

    private static String result(HistoricActivityInstance activity) {
        if (activity.getEndTime() == null) {
            return "in progress";
        }
        return activity.isCanceled() ? "failed" : "done";
    }

    /** A variable as the activity saw it: the nearest enclosing scope that has it. */
    private static Function<String, Object> scope(HistoricActivityInstance activity,
                                                  Map<String, HistoricActivityInstance> byId,
                                                  Map<String, Map<String, Object>> locals) {
        return name -> {
            for (String id = activity.getId(); id != null; id = Optional.ofNullable(byId.get(id))
                    .map(HistoricActivityInstance::getParentActivityInstanceId).orElse(null)) {
                Map<String, Object> variables = locals.get(id);
                if (variables != null && variables.get(name) != null) {
                    return variables.get(name);
                }
            }
            return null;
        };
    }
}
