package dev.jmlflow.process;

import dev.jmlflow.engine.Engine;
import dev.jmlflow.engine.FormCheck;
import dev.jmlflow.policy.JmlflowGroups;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** The approving manager a joiner or mover form names: a business rule, so it lives beside the steps, not in the engine. */
public final class ApprovingManager {

    private ApprovingManager() {
    }

    /** A Camunda user in the {@code managers} group who is neither the employee nor the requester (four eyes). */
    public static String check(FormCheck check, DelegateExecution execution, String field, String employeeId) {
        String managerId = check.id(field);
        if (managerId == null) {
            return null;
        }
        var identity = execution.getProcessEngineServices().getIdentityService();
        long found = Engine.withoutAuthorization(() -> identity.createUserQuery().userId(managerId)
                .memberOfGroup(JmlflowGroups.MANAGERS).count());
        if (found != 1) {
            check.problem(field, managerId + " is not a user in the group " + JmlflowGroups.MANAGERS);
        } else if (managerId.equalsIgnoreCase(employeeId)) {
            check.problem(field, "an employee cannot be their own manager");
        } else if (managerId.equalsIgnoreCase(RequestVariables.text(execution, RequestVariables.REQUESTER))) {
            check.problem(field, managerId + " requested this change and cannot be its approving manager");
        }
        return managerId;
    }
}
