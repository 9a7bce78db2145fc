package dev.jmlflow.policy;

import static dev.jmlflow.policy.JmlflowGroups.APP_OWNERS;
import static dev.jmlflow.policy.JmlflowGroups.HR;
import static dev.jmlflow.policy.JmlflowGroups.IT_OPS;
import static dev.jmlflow.policy.JmlflowGroups.MANAGERS;

import dev.jmlflow.access.AccessPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who approves which stage of which request, in one place: the BPMN's assignee and candidate-group expressions,
 * the authorizations, the Tasklist filters and the sandbox's demo users all read it, so a new stage or approver
 * group is one change here.
 * <ul>
 *   <li>Joiner and mover: the employee's manager approves every access plan that grants something; the app owners
 *       approve it as well when it adds a privileged group.</li>
 *   <li>Leaver: the app owners approve hard deletes.</li>
 *   <li>IT ops resolve what no approver can: account conflicts, waivers, escalated approvals, quarantined targets.</li>
 * </ul>
 */
public final class ApprovalPolicy {

    /** Approval stage of the employee's manager. */
    public static final String MANAGER_STAGE = "manager";
    /** Approval stage of the app owners, needed when a privileged group is added. */
    public static final String APP_OWNER_STAGE = "app-owners";

    /** Start joiner, mover and leaver requests and fix requests sent back. */
    public static final String REQUESTERS = HR;
    /** Approve the hard delete of a leaver's accounts. */
    public static final String DELETION_APPROVERS = APP_OWNERS;
    /** Resolve conflicts and waivers, take escalated approvals and quarantine alerts. */
    public static final String OPERATORS = IT_OPS;
    /** The groups that decide approval stages: they see the "My approvals" filter and read the request forms. */
    public static final List<String> APPROVER_GROUPS = List.of(MANAGERS, APP_OWNERS);
    /** Everyone who works tasks in Tasklist. */
    public static final List<String> TASK_WORKERS = List.of(REQUESTERS, MANAGERS, APP_OWNERS, OPERATORS);

    private ApprovalPolicy() {
    }

    /** Who has to approve the plan, in order: the manager always, the app owners too when a privileged group is added. */
    public static List<String> stages(AccessPlan plan) {
        List<String> stages = new ArrayList<>();
        stages.add(MANAGER_STAGE);
        if (plan.isPrivileged()) {
            stages.add(APP_OWNER_STAGE);
        }
        return List.copyOf(stages);
    }

    /** The one user a stage is assigned to: the named manager for the manager stage, nobody for a group stage. */
    public static Optional<String> assignee(String stage, String managerId) {
        requireKnown(stage);
        return MANAGER_STAGE.equals(stage) ? Optional.ofNullable(managerId) : Optional.empty();
    }

    /** The groups offered a stage; the manager stage is offered to no group, only to the named manager. */
    public static List<String> candidateGroups(String stage) {
        requireKnown(stage);
        return MANAGER_STAGE.equals(stage) ? List.of() : List.of(APP_OWNERS);
    }

    private static void requireKnown(String stage) {
        if (!MANAGER_STAGE.equals(stage) && !APP_OWNER_STAGE.equals(stage)) {
            throw new IllegalArgumentException("unknown approval stage '" + stage + "'");
        }
    }
}
