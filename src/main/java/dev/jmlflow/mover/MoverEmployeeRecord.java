package dev.jmlflow.mover;

import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.employee.EmployeeRegistry;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Start listener of the mover's {@code EndEvent_ChangeApplied}: the new role is now true in every app. */
@Component("moverEmployeeRecord")
public class MoverEmployeeRecord {

    private final EmployeeRegistry registry;

    public MoverEmployeeRecord(EmployeeRegistry registry) {
        this.registry = registry;
    }

    public void changeApplied(DelegateExecution execution) {
        registry.changeRole(text(execution, EMPLOYEE_ID), text(execution, DEPARTMENT), text(execution, JOB_TITLE),
                text(execution, MANAGER_ID));
    }
}
