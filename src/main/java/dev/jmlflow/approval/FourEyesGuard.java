package dev.jmlflow.approval;

import dev.jmlflow.process.Engine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * The four-eyes rule for approval tasks, bound as a task listener for {@code create}, {@code assignment} and
 * {@code complete} ({@code camunda:delegateExpression="${fourEyesGuard}"}). Generic: any user task whose process
 * keeps the requester in {@value #REQUESTER} ({@code camunda:initiator}) and the subject in {@value #SUBJECT}
 * (and, when known, the subject's mail in {@value #SUBJECT_EMAIL}) can use it.
 * <ul>
 *   <li>Neither the requester nor the subject may be assigned the task, or complete it; completion is checked
 *       against the authenticated user as well as the assignee, because Camunda lets a candidate complete a task
 *       assigned to someone else. A Camunda user is the subject when its id is the employee id or its email is
 *       the subject's.</li>
 *   <li>Completing may set only {@value #APPROVED} (a boolean, required) and {@value #COMMENT}. A listener cannot
 *       see which variables a completion carries, so on {@code create} the guard records a digest of every
 *       variable visible to the task, and on {@code complete} refuses when anything but those two differs.
 *       The digest sits in a task-local variable: the complete and submit-form APIs cannot write it, and writing
 *       it directly needs UPDATE or UPDATE_VARIABLE on the task, which approvers (TASK_WORK) do not have. Being in
 *       the engine, the check holds for every API (REST, Tasklist, Java), so no servlet filter is needed.</li>
 *   <li>Every decision is appended to {@value #APPROVAL_LOG}, because a later stage's decision replaces
 *       {@value #APPROVED}.</li>
 * </ul>
 */
@Component("fourEyesGuard")
public class FourEyesGuard implements TaskListener {

    public static final String REQUESTER = "requester";
    public static final String SUBJECT = "employeeId";
    public static final String SUBJECT_EMAIL = "email";
    public static final String APPROVED = "approved";
    public static final String COMMENT = "comment";
    public static final String APPROVAL_LOG = "approvalLog";
    static final String DIGEST = "fourEyesDigest";
    static final int MAX_COMMENT = 2000;

    private static final Set<String> COMPLETION_VARIABLES = Set.of(APPROVED, COMMENT);

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> onCreate(task);
            case EVENTNAME_ASSIGNMENT -> refuseRequesterOrSubject(task, task.getAssignee(), "be assigned");
            case EVENTNAME_COMPLETE -> onComplete(task);
            default -> {
                // update, delete and timeout do not grant anything
            }
        }
    }

    private void onCreate(DelegateTask task) {
        // an earlier stage's decision must not count as this stage's
        task.getExecution().removeVariable(APPROVED);
        task.getExecution().removeVariable(COMMENT);
        refuseRequesterOrSubject(task, task.getAssignee(), "be assigned");
        task.setVariableLocal(DIGEST, digest(task));
    }

    private void onComplete(DelegateTask task) {
        Optional<String> user = Optional.ofNullable(identity(task).getCurrentAuthentication()).map(Authentication::getUserId);
        user.ifPresent(u -> refuseRequesterOrSubject(task, u, "complete"));
        refuseRequesterOrSubject(task, task.getAssignee(), "complete");
        Set<String> local = task.getVariablesLocal().keySet();
        if (!Set.of(DIGEST).containsAll(local)) {
            throw new ApprovalRefusedException("Completing '" + task.getName() + "' may set only approved and comment");
        }
        if (!digest(task).equals(task.getVariableLocal(DIGEST))) {
            throw new ApprovalRefusedException("Completing '" + task.getName()
                    + "' may set only approved and comment; other variables were changed");
        }
        Object approved = task.getVariable(APPROVED);
        if (!(approved instanceof Boolean decision)) {
            throw new ApprovalRefusedException("Completing '" + task.getName() + "' needs approved set to true or false");
        }
        Object comment = task.getVariable(COMMENT);
        if (comment != null && (!(comment instanceof String text) || text.length() > MAX_COMMENT)) {
            throw new ApprovalRefusedException("comment must be text of at most " + MAX_COMMENT + " characters");
        }
        String who = user.orElse(task.getAssignee() == null ? "(unknown)" : task.getAssignee());
        String entry = Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()) + " " + task.getName() + ": "
                + (decision ? "approved" : "rejected") + " by " + who + (comment == null ? "" : " (" + comment + ")");
        Object log = task.getVariable(APPROVAL_LOG);
        task.getExecution().setVariable(APPROVAL_LOG, log == null ? entry : log + "\n" + entry);
    }

    private void refuseRequesterOrSubject(DelegateTask task, String userId, String action) {
        if (userId == null) {
            return;
        }
        if (userId.equalsIgnoreCase(String.valueOf(task.getVariable(REQUESTER)))) {
            throw new ApprovalRefusedException("Four-eyes rule: " + userId + " requested this change and may not "
                    + action + " its approval task '" + task.getName() + "'");
        }
        if (isSubject(task, userId)) {
            throw new ApprovalRefusedException("Four-eyes rule: " + userId + " is the person this request is about and may not "
                    + action + " its approval task '" + task.getName() + "'");
        }
    }

    private boolean isSubject(DelegateTask task, String userId) {
        if (userId.equalsIgnoreCase(String.valueOf(task.getVariable(SUBJECT)))) {
            return true;
        }
        Object email = task.getVariable(SUBJECT_EMAIL);
        if (email == null) {
            return false;
        }
        IdentityService identity = identity(task);
        User user = Engine.withoutAuthorization(() -> identity.createUserQuery().userId(userId).singleResult());
        return user != null && user.getEmail() != null && user.getEmail().equalsIgnoreCase(email.toString());
    }

    private static IdentityService identity(DelegateTask task) {
        return task.getProcessEngineServices().getIdentityService();
    }

    /** A digest over every variable the task sees, except the two a completion may set. */
    static String digest(DelegateTask task) {
        VariableMap variables = task.getExecution().getVariablesTyped();
        Map<String, String> canonical = new TreeMap<>();
        variables.keySet().stream().filter(name -> !COMPLETION_VARIABLES.contains(name)).forEach(name -> {
            TypedValue value = variables.getValueTyped(name);
            Object raw = value.getValue();
            String text = raw instanceof java.util.Date date ? Long.toString(date.getTime()) : String.valueOf(raw);
            canonical.put(name, (value.getType() == null ? "?" : value.getType().getName()) + ":" + text);
        });
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
