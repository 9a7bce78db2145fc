package dev.jmlflow.approval;

import static dev.jmlflow.process.RequestVariables.APPROVAL_LOG;
import static dev.jmlflow.process.RequestVariables.EMAIL;
import static dev.jmlflow.process.RequestVariables.EMPLOYEE_ID;
import static dev.jmlflow.process.RequestVariables.REQUESTER;

import dev.jmlflow.process.CommandWrites;
import dev.jmlflow.process.Engine;
import dev.jmlflow.process.FormFields;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.DelegationState;

/**
 * The four-eyes rule on every user task, put there by {@link RequestGuards} for {@code assignment} (assign, claim,
 * delegate), {@code update} (resolve) and {@code complete}. The requester ({@value dev.jmlflow.process.RequestVariables#REQUESTER},
 * set from authentication at the start) and the subject ({@code employeeId}, and a Camunda user whose email is the
 * subject's {@code email}) may neither be assigned a task of the request nor complete one; completion is checked
 * against the authenticated user as well as the assignee, because Camunda lets a candidate complete a task assigned
 * to someone else.
 * <p>
 * An approval is a task whose form asks for {@value #APPROVED}. Its completion must set {@value #APPROVED} (so an
 * earlier stage's decision never counts as this one's); the decision is appended to {@value
 * dev.jmlflow.process.RequestVariables#APPROVAL_LOG} and the stage and decider to {@value #DECIDERS}, and nobody who
 * decided one stage may take or decide another stage of the request. The stage is {@value #STAGE} (the stages of
 * {@code approveAccess}), else the task's definition key; deciding the same stage again (a re-approval) is allowed.
 */
final class FourEyesGuard implements TaskListener {

    static final String APPROVED = "approved";
    static final String COMMENT = "comment";
    /** Who decided which approval stage of this request: comma-separated {@code stage:user} entries. */
    static final String DECIDERS = "approvalDeciders";
    static final String STAGE = "approvalStage";
    static final int MAX_COMMENT = 2000;
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
        if (!isApproval(task)) {
            return;
        }
        Set<String> written = CommandWrites.variables(task.getProcessInstanceId(), task);
        Object approved = task.getVariable(APPROVED);
        if (!written.contains(APPROVED) || !(approved instanceof Boolean decision)) {
            throw new NotValidException("The task '" + task.getName() + "' was not completed. approved: must be"
                    + " true (approve) or false (reject)");
        }
        Object comment = written.contains(COMMENT) ? task.getVariable(COMMENT) : null;
        if (comment != null && (!(comment instanceof String text) || text.length() > MAX_COMMENT)) {
            throw new NotValidException("comment: must be text of at most " + MAX_COMMENT + " characters");
        }
        String who = user.orElse(task.getAssignee() == null ? "(unknown)" : task.getAssignee());
        String entry = Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()) + " " + task.getName() + ": "
                + (decision ? "approved" : "rejected") + " by " + who + (comment == null ? "" : " (" + comment + ")");
        append(task, APPROVAL_LOG, entry, "\n");
        append(task, DECIDERS, stage(task) + ":" + who, ",");
    }

    private void refuse(DelegateTask task, String userId, String action) {
        if (userId == null) {
            return;
        }
        FourEyes rule = new FourEyes(text(task, REQUESTER), text(task, EMPLOYEE_ID), text(task, EMAIL));
        Optional<String> conflict = rule.conflict(userId, emailOf(task, userId));
        if (conflict.isEmpty() && decidedAnotherStage(task, userId) && isApproval(task)) {
            conflict = Optional.of(userId + " already decided another approval stage of this request");
        }
        // the refusal's field: who takes the task, or for a decision the decision itself, which the form labels
        String field = !action.equals(BE_ASSIGNED) && isApproval(task) ? APPROVED : ASSIGNEE;
        conflict.ifPresent(reason -> {
            throw new ApprovalRefusedException("The four-eyes rule stops this on '" + task.getName() + "'. " + field
                    + ": " + reason + " and may not " + action + " this task");
        });
    }

    private static Optional<String> authenticatedUser(DelegateTask task) {
        return Optional.ofNullable(identity(task).getCurrentAuthentication()).map(Authentication::getUserId);
    }

    private boolean isApproval(DelegateTask task) {
        return FormFields.ofTaskForm(task, hasForm).contains(APPROVED);
    }

    private static boolean decidedAnotherStage(DelegateTask task, String userId) {
        String deciders = text(task, DECIDERS);
        String stage = stage(task);
        return deciders != null && Arrays.stream(deciders.split(",")).map(entry -> entry.split(":", 2))
                .anyMatch(entry -> !entry[0].equals(stage) && entry[1].equalsIgnoreCase(userId));
    }

    private static String stage(DelegateTask task) {
        String stage = text(task, STAGE);
        return stage == null ? task.getTaskDefinitionKey() : stage;
    }

    private static void append(DelegateTask task, String variable, String entry, String separator) {
        String before = text(task, variable);
        task.getExecution().getProcessInstance().setVariable(variable, before == null ? entry : before + separator + entry);
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
