package dev.jmlflow.mover;

import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.access.AttributeChange;
import dev.jmlflow.provisioning.Employee;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** The mover's own variables: the effective date, and the employee as they were before the change. */
final class MoverVariables {

    static final String EFFECTIVE_DATE = "effectiveDate";
    static final String PREVIOUS_DEPARTMENT = "previousDepartment";
    static final String PREVIOUS_JOB_TITLE = "previousJobTitle";
    static final String PREVIOUS_MANAGER_ID = "previousManagerId";
    static final String PLAN_BLOCKED = "planBlocked";
    static final String HAS_CHANGES = "hasChanges";
    static final String HAS_ADDITIONS = "hasAdditions";
    static final String ADDITIONS_CHANGED = "additionsChanged";

    private MoverVariables() {
    }

    static Employee previous(DelegateExecution execution) {
        return new Employee(text(execution, EMPLOYEE_ID), text(execution, EMAIL), text(execution, GIVEN_NAME),
                text(execution, FAMILY_NAME), text(execution, PREVIOUS_DEPARTMENT), text(execution, PREVIOUS_JOB_TITLE),
                text(execution, PREVIOUS_MANAGER_ID));
    }

    static List<AttributeChange> attributeChanges(DelegateExecution execution) {
        List<AttributeChange> changes = new ArrayList<>();
        change(changes, "department", text(execution, PREVIOUS_DEPARTMENT), text(execution, DEPARTMENT));
        change(changes, "job title", text(execution, PREVIOUS_JOB_TITLE), text(execution, JOB_TITLE));
        change(changes, "manager", text(execution, PREVIOUS_MANAGER_ID), text(execution, MANAGER_ID));
        return changes;
    }

    private static void change(List<AttributeChange> changes, String attribute, String from, String to) {
        if (!Objects.equals(from, to)) {
            changes.add(new AttributeChange(attribute, from, to));
        }
    }
}
