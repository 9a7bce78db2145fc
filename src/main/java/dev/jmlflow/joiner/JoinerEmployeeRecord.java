package dev.jmlflow.joiner;

import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.employee.EmployeeRecord;
import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.employee.EmployeeStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Listeners of the joiner that tell the employee registry what became true: the hire once access is approved
 * (start listener of {@code IntermediateEvent_ProvisioningDue}), the active employee once every app is provisioned
 * (start listener of {@code EndEvent_AccessProvisioned}).
 */
@Component("joinerEmployeeRecord")
public class JoinerEmployeeRecord {

    private final EmployeeRegistry registry;

    public JoinerEmployeeRecord(EmployeeRegistry registry) {
        this.registry = registry;
    }

    public void accessApproved(DelegateExecution execution) {
        registry.saveUnlessEmployed(record(execution, EmployeeStatus.PRE_HIRE));
    }

    public void accessProvisioned(DelegateExecution execution) {
        registry.save(record(execution, EmployeeStatus.ACTIVE));
    }

    private static EmployeeRecord record(DelegateExecution execution, EmployeeStatus status) {
        return new EmployeeRecord(text(execution, EMPLOYEE_ID), text(execution, EMAIL), text(execution, GIVEN_NAME),
                text(execution, FAMILY_NAME), text(execution, DEPARTMENT), text(execution, JOB_TITLE),
                text(execution, MANAGER_ID), status, JoinerVariables.startDate(execution), null);
    }
}
