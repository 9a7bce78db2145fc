package dev.jmlflow.mover;

import static dev.jmlflow.mover.MoverVariables.*;
import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.employee.EmployeeRecord;
import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.engine.FormCheck;
import dev.jmlflow.process.ApprovingManager;
import dev.jmlflow.process.RequestSummary;
import dev.jmlflow.process.RunningRequests;
import dev.jmlflow.engine.Schedule;
import dev.jmlflow.provisioning.LinkState;
import dev.jmlflow.provisioning.ProvisioningService;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Checks a mover request as it starts: an employee the registry holds as employed, with active accounts, a valid
 * new role, a manager and a date. Records the employee as they are now (names, email, old role, from the registry)
 * for the plan, the approvers and a rollback.
 * A role change before the last day is legitimate, so a leaver still waiting for it does not block a move; one that
 * is removing access (or keeps the deactivated accounts until deletion) does.
 */
@Component("moverStartValidation")
public class MoverStartValidation implements ExecutionListener {

    private final Schedule schedule;
    private final ProvisioningService provisioning;
    private final EmployeeRegistry registry;
    private final RunningRequests requests;

    public MoverStartValidation(Schedule schedule, ProvisioningService provisioning, EmployeeRegistry registry,
            RunningRequests requests) {
        this.schedule = schedule;
        this.provisioning = provisioning;
        this.registry = registry;
        this.requests = requests;
    }

    @Override
    public void notify(DelegateExecution execution) {
        FormCheck check = new FormCheck(execution);
        String employeeId = check.id(EMPLOYEE_ID);
        check.plainText(DEPARTMENT);
        check.plainText(JOB_TITLE);
        ApprovingManager.check(check, execution, MANAGER_ID, employeeId);
        check.dateFrom(EFFECTIVE_DATE, schedule.today());
        requests.refuseSecond(check, execution, EMPLOYEE_ID, RunningRequests.MOVER, employeeId);
        Optional<EmployeeRecord> current = Optional.empty();
        if (employeeId != null) {
            requests.leaver(employeeId).filter(leaver -> !leaver.waitingForLastDay())
                    .ifPresent(leaver -> check.problem(EMPLOYEE_ID, leaver.refusal(employeeId)));
            boolean linked = provisioning.links(employeeId).stream().anyMatch(l -> l.state() == LinkState.ACTIVE);
            current = registry.find(employeeId).filter(EmployeeRecord::employed);
            if (!linked || current.isEmpty()) {
                check.problem(EMPLOYEE_ID, employeeId + " has no active accounts from a completed joiner");
            }
        }
        check.throwIfInvalid();
        EmployeeRecord employee = current.orElseThrow();
        execution.setProcessBusinessKey(employeeId);
        execution.setVariable(GIVEN_NAME, employee.givenName());
        execution.setVariable(FAMILY_NAME, employee.familyName());
        execution.setVariable(EMAIL, employee.userName());
        execution.setVariable(PREVIOUS_DEPARTMENT, employee.department());
        execution.setVariable(PREVIOUS_JOB_TITLE, employee.jobTitle());
        execution.setVariable(PREVIOUS_MANAGER_ID, employee.managerId());
        RequestSummary.write(execution, "Mover", RequestSummary.name(employee.givenName(), employee.familyName()),
                "effective " + text(execution, EFFECTIVE_DATE),
                "to " + RequestSummary.role(text(execution, DEPARTMENT), text(execution, JOB_TITLE)), RequestSummary.manager(execution));
    }
}
