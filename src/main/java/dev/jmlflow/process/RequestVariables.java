package dev.jmlflow.process;

import dev.jmlflow.provisioning.Employee;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Variable names shared by the joiner and mover processes (the start variables of the contract in DESIGN.md, and
 * the element variables of their multi-instances) and the employee they describe.
 */
public final class RequestVariables {

    public static final String EMPLOYEE_ID = "employeeId";
    public static final String GIVEN_NAME = "givenName";
    public static final String FAMILY_NAME = "familyName";
    public static final String EMAIL = "email";
    public static final String DEPARTMENT = "department";
    public static final String JOB_TITLE = "jobTitle";
    public static final String MANAGER_ID = "managerId";
    /** The authenticated user who started the request; set by the engine's start guard, never by a caller. */
    public static final String REQUESTER = "requester";
    /** Element variables of the provisioning multi-instances. */
    public static final String TARGET = "target";
    public static final String GROUP = "group";
    /** What ensuring the account did on this target, for its compensation (local to the app's subprocess instance). */
    public static final String ACCOUNT_CHANGE = "accountChange";
    /** Why the joiner's account on this target conflicts, for the ops task (local to the app's subprocess instance). */
    public static final String CONFLICT_REASON = "conflictReason";

    private RequestVariables() {
    }

    public static Employee employee(DelegateExecution execution) {
        return new Employee(text(execution, EMPLOYEE_ID), text(execution, EMAIL), text(execution, GIVEN_NAME),
                text(execution, FAMILY_NAME), text(execution, DEPARTMENT), text(execution, JOB_TITLE),
                text(execution, MANAGER_ID));
    }

    public static String employeeId(VariableScope scope) {
        return text(scope, EMPLOYEE_ID);
    }

    /** The app of the multi-instance the scope runs in. */
    public static String target(VariableScope scope) {
        return text(scope, TARGET);
    }

    public static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }
}
