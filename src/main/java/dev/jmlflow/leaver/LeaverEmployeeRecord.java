package dev.jmlflow.leaver;

import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.process.RequestVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Listeners of the leaver that tell the employee registry what became true: the person is leaving once access
 * removal starts (start listener of {@code Task_FindLinkedAccounts}; before that HR may still cancel), and has left
 * once every app is deactivated or waived (start listener of {@code Task_NotifyAccessRemoved}).
 */
@Component("leaverEmployeeRecord")
public class LeaverEmployeeRecord {

    private final EmployeeRegistry registry;

    public LeaverEmployeeRecord(EmployeeRegistry registry) {
        this.registry = registry;
    }

    public void accessRemovalStarted(DelegateExecution execution) {
        registry.leaving(RequestVariables.employeeId(execution), LeaverVariables.lastDay(execution));
    }

    public void accessRemoved(DelegateExecution execution) {
        registry.left(RequestVariables.employeeId(execution), LeaverVariables.lastDay(execution));
    }
}
