package dev.jmlflow.approval;

import static dev.jmlflow.process.RequestVariables.EMAIL;
import static dev.jmlflow.process.RequestVariables.EMPLOYEE_ID;
import static dev.jmlflow.process.RequestVariables.REQUESTER;

import dev.jmlflow.policy.ApprovalDecision;
import dev.jmlflow.policy.ApprovalRecord;
import dev.jmlflow.engine.CommandConnection;
import dev.jmlflow.engine.Engine;
import dev.jmlflow.engine.FormFields;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.DelegationState;

/**
 * Enforces {@link FourEyes} on every user task, put there by {@link RequestGuards} for {@code assignment} (assign,
 * claim, delegate), {@code update} (resolve) and {@code complete}. The requester ({@value
 * dev.jmlflow.process.RequestVariables#REQUESTER}, set from authentication at the start) and the subject may neither
 * be assigned a task of the request nor complete one; completion is checked against the authenticated user as well
 * as the assignee, because Camunda lets a candidate complete a task assigned to someone else.
 * <p>
 * An approval is a task whose form asks for {@value ApprovalForm#APPROVED}; its completion must carry a decision
 * ({@link ApprovalForm}), which goes into the {@link ApprovalRecord}, against which the rule checks who decided
 * which stage. The stage is {@value #STAGE} (the stages of {@code approveAccess}), else the task's definition key.
 */
final class FourEyesGuard implements TaskListener {

    static final String STAGE = "approvalStage";
    private static final String ASSIGNEE = "assignee";
    private static final String BE_ASSIGNED = "be assigned";

    private final boolean hasForm;

    FourEyesGuard(boolean hasForm) {
        this.hasForm = hasForm;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_ASSIGNMENT -> refuse(task, task.getAssignee(), BE_ASSIGNED);
            case EVENTNAME_COMPLETE -> onComplete(task);
            case EVENTNAME_UPDATE -> {
                // resolving a delegated task may set its form's fields, so whoever resolves is checked like a completer
                if (task instanceof TaskEntity entity && DelegationState.RESOLVED.equals(entity.getDelegationState())) {
                    authenticatedUser(task).ifPresent(u -> refuse(task, u, "resolve"));
                }
            }
            default -> {
                // create, update, delete and timeout grant nobody anything; a creation with an assignee fires assignment
            }
        }
    }

    private void onComplete(DelegateTask task) {
        Optional<String> user = authenticatedUser(task);
        user.ifPresent(u -> refuse(task, u, "complete"));
        refuse(task, task.getAssignee(), "complete");
        if (isApproval(task)) {
            String who = user.orElse(task.getAssignee() == null ? "(unknown)" : task.getAssignee());
            ApprovalRecord.add(CommandConnection.current(), task.getId(), task.getProcessInstanceId(),
                    ApprovalForm.decision(task, stage(task), who));
        }
    }

    private void refuse(DelegateTask task, String userId, String action) {
        if (userId == null) {
            return;
        }
        FourEyes rule = new FourEyes(text(task, REQUESTER), text(task, EMPLOYEE_ID), text(task, EMAIL));
        String email = emailOf(task, userId);
        boolean approval = isApproval(task);
        Optional<String> conflict = approval
                ? rule.conflictAtStage(userId, email, stage(task), decisions(task))
                : rule.conflict(userId, email);
        // the refusal's field: who takes the task, or for a decision the decision itself, which the form labels
        String field = !action.equals(BE_ASSIGNED) && approval ? ApprovalForm.APPROVED : ASSIGNEE;
        conflict.ifPresent(reason -> {
            throw new ApprovalRefusedException("The four-eyes rule stops this on '" + task.getName() + "'. " + field
                    + ": " + reason + " and may not " + action + " this task");
        });
    }

    private static List<ApprovalDecision> decisions(DelegateTask task) {
        return ApprovalRecord.of(CommandConnection.current(), task.getProcessInstanceId());
    }

    private static Optional<String> authenticatedUser(DelegateTask task) {
        return Optional.ofNullable(identity(task).getCurrentAuthentication()).map(Authentication::getUserId);
    }

    private boolean isApproval(DelegateTask task) {
        return FormFields.ofTaskForm(task, hasForm).contains(ApprovalForm.APPROVED);
    }

    private static String stage(DelegateTask task) {
        String stage = text(task, STAGE);
        return stage == null ? task.getTaskDefinitionKey() : stage;
    }

    private static String emailOf(DelegateTask task, String userId) {
        IdentityService identity = identity(task);
        User user = Engine.withoutAuthorization(() -> identity.createUserQuery().userId(userId).singleResult());
        return user == null ? null : user.getEmail();
    }

    private static String text(DelegateTask task, String name) {
        Object value = task.getVariable(name);
        return value == null ? null : value.toString();
    }

    private static IdentityService identity(DelegateTask task) {
        return task.getProcessEngineServices().getIdentityService();
    }
}
