package dev.jmlflow.joiner;

import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.access.AccessPlanner;
import dev.jmlflow.access.RequestedGroups;
import dev.jmlflow.access.TargetGroup;
import dev.jmlflow.leaver.ScheduledLeavers;
import dev.jmlflow.process.FormCheck;
import dev.jmlflow.process.Schedule;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Checks a joiner request as it starts, whether from the Tasklist start form or the REST API. Any problem refuses
 * the start with a message naming each field; the business key becomes the employee id. No joiner starts while a
 * leaver runs for the employee, even one still waiting for the last day: HR cancels that leaver first.
 */
@Component("joinerStartValidation")
public class JoinerStartValidation implements ExecutionListener {

    static final String PROCESS_KEY = "joiner";

    private final Schedule schedule;
    private final AccessPlanner planner;
    private final ScheduledLeavers leavers;

    public JoinerStartValidation(Schedule schedule, AccessPlanner planner, ScheduledLeavers leavers) {
        this.schedule = schedule;
        this.planner = planner;
        this.leavers = leavers;
    }

    @Override
    public void notify(DelegateExecution execution) {
        FormCheck check = new FormCheck(execution);
        String employeeId = check.id(EMPLOYEE_ID);
        check.personName(GIVEN_NAME);
        check.personName(FAMILY_NAME);
        String email = check.email(EMAIL);
        check.plainText(DEPARTMENT);
        check.plainText(JOB_TITLE);
        String managerId = check.manager(MANAGER_ID, employeeId);
        check.dateFrom(START_DATE, schedule.today());
        checkRequestedGroups(check, execution);
        check.notAlreadyRunning(EMPLOYEE_ID, PROCESS_KEY, employeeId);
        if (employeeId != null) {
            leavers.running(employeeId).ifPresent(leaver -> check.problem(EMPLOYEE_ID, leaver.refusal(employeeId)));
        }
        if (managerId != null && email != null && managerId.equalsIgnoreCase(email)) {
            check.problem(MANAGER_ID, "an employee cannot be their own manager");
        }
        check.throwIfInvalid();
        execution.setProcessBusinessKey(employeeId);
    }

    private void checkRequestedGroups(FormCheck check, DelegateExecution execution) {
        String requested = check.optional(REQUESTED_GROUPS);
        try {
            for (TargetGroup group : RequestedGroups.parse(requested)) {
                if (!planner.targetNames().contains(group.target())) {
                    check.problem(REQUESTED_GROUPS, "'" + group.target() + "' is not a configured target; use one of "
                            + String.join(", ", planner.targetNames()));
                }
            }
        } catch (IllegalArgumentException e) {
            check.problem(REQUESTED_GROUPS, e.getMessage());
        }
    }
}
