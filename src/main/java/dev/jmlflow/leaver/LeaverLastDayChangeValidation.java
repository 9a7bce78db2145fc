package dev.jmlflow.leaver;

import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.engine.FormCheck;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Listener on the {@code LeaverDateChanged} message event: the new last day obeys the rule of the start form (a
 * {@code yyyy-MM-dd} date, not in the past, not beyond the horizon). A refusal rolls back the whole correlation, so the old cut-off stays,
 * whoever sent the message.
 */
@Component("leaverLastDayChangeValidation")
public class LeaverLastDayChangeValidation implements ExecutionListener {

    private final LeaverSchedule schedule;
    private final EmployeeRegistry registry;

    public LeaverLastDayChangeValidation(LeaverSchedule schedule, EmployeeRegistry registry) {
        this.schedule = schedule;
        this.registry = registry;
    }

    @Override
    public void notify(DelegateExecution execution) {
        FormCheck check = new FormCheck(execution);
        check.dateBetween(LeaverVariables.LAST_DAY, schedule.today(), schedule.latestLastDay());
        check.throwIfInvalid("The last day was not changed.");
        LeaverRequestValidation.summarize(execution, registry);
    }
}
