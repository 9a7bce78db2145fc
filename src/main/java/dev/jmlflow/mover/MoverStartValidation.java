package dev.jmlflow.mover;

import static dev.jmlflow.mover.MoverVariables.*;
import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.leaver.ScheduledLeavers;
import dev.jmlflow.process.EmployeeDirectory;
import dev.jmlflow.process.FormCheck;
import dev.jmlflow.process.Schedule;
import dev.jmlflow.provisioning.Employee;
import dev.jmlflow.provisioning.LinkState;
import dev.jmlflow.provisioning.ProvisioningService;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Checks a mover request as it starts: an existing employee with active accounts, a valid new role, a manager and
 * a date. Records the employee as they are now (names, email, old role) for the plan, the approvers and a rollback.
 * A role change before the last day is legitimate, so a leaver still waiting for it does not block a move; one that
 * is removing access (or keeps the deactivated accounts until deletion) does.
 */
@Component("moverStartValidation")
public class MoverStartValidation implements ExecutionListener {

    static final String PROCESS_KEY = "mover";

    private final Schedule schedule;
    private final ProvisioningService provisioning;
    private final EmployeeDirectory directory;
    private final ScheduledLeavers leavers;

    public MoverStartValidation(Schedule schedule, ProvisioningService provisioning, EmployeeDirectory directory,
            ScheduledLeavers leavers) {
        this.schedule = schedule;
        this.provisioning = provisioning;
        this.directory = directory;
        this.leavers = leavers;
    }

    @Override
    public void notify(DelegateExecution execution) {
        FormCheck check = new FormCheck(execution);
        String employeeId = check.id(EMPLOYEE_ID);
        check.plainText(DEPARTMENT);
        check.plainText(JOB_TITLE);
        check.manager(MANAGER_ID, employeeId);
        check.dateFrom(EFFECTIVE_DATE, schedule.today());
        check.notAlreadyRunning(EMPLOYEE_ID, PROCESS_KEY, employeeId);
        Optional<Employee> current = Optional.empty();
        if (employeeId != null) {
            leavers.running(employeeId).filter(leaver -> !leaver.waitingForLastDay())
                    .ifPresent(leaver -> check.problem(EMPLOYEE_ID, leaver.refusal(employeeId)));
            boolean linked = provisioning.links(employeeId).stream().anyMatch(l -> l.state() == LinkState.ACTIVE);
            current = directory.find(employeeId);
            if (!linked || current.isEmpty()) {
                check.problem(EMPLOYEE_ID, employeeId + " has no active accounts from a completed joiner");
            }
        }
        check.throwIfInvalid();
        Employee employee = current.orElseThrow();
        execution.setProcessBusinessKey(employeeId);
        execution.setVariable(GIVEN_NAME, employee.givenName());
        execution.setVariable(FAMILY_NAME, employee.familyName());
        execution.setVariable(EMAIL, employee.userName());
        execution.setVariable(PREVIOUS_DEPARTMENT, employee.department());
        execution.setVariable(PREVIOUS_JOB_TITLE, employee.jobTitle());
        execution.setVariable(PREVIOUS_MANAGER_ID, employee.managerId());
    }
}
