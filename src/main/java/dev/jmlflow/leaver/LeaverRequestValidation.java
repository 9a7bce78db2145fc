package dev.jmlflow.leaver;

import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.employee.EmployeeStatus;
import dev.jmlflow.engine.FormCheck;
import dev.jmlflow.process.RequestSummary;
import dev.jmlflow.process.RequestVariables;
import dev.jmlflow.process.RunningRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of the leaver: refuses a request with every problem named, so no instance starts. Also makes the
 * employee id the business key, which the {@code LeaverCancelled} and {@code LeaverDateChanged} messages are
 * correlated on.
 */
@Component("leaverRequestValidation")
public class LeaverRequestValidation implements ExecutionListener {

    static final int MAX_REASON = 1000;

    private final LeaverAccounts accounts;
    private final LeaverSchedule schedule;
    private final RunningRequests requests;
    private final EmployeeRegistry registry;

    public LeaverRequestValidation(LeaverAccounts accounts, LeaverSchedule schedule, RunningRequests requests,
            EmployeeRegistry registry) {
        this.accounts = accounts;
        this.schedule = schedule;
        this.requests = requests;
        this.registry = registry;
    }

    @Override
    public void notify(DelegateExecution execution) {
        FormCheck check = new FormCheck(execution);
        String employeeId = check.id(RequestVariables.EMPLOYEE_ID);
        boolean immediate = immediate(execution, check);
        // a past last day without "immediate" is more likely a typo than a late request
        check.dateBetween(LeaverVariables.LAST_DAY, immediate ? null : schedule.today(), schedule.latestLastDay());
        String reason = check.required(LeaverVariables.REASON);
        if (reason != null && reason.length() > MAX_REASON) {
            check.problem(LeaverVariables.REASON, "must not be longer than " + MAX_REASON + " characters");
        }
        if (employeeId != null) {
            knownAndNotLeavingYet(execution, employeeId, check);
        }
        check.throwIfInvalid();
        summarize(execution, registry);
    }

    private static boolean immediate(DelegateExecution execution, FormCheck check) {
        Object raw = LeaverVariables.immediate(execution);
        if (raw != null && !(raw instanceof Boolean)) {
            check.problem(LeaverVariables.IMMEDIATE, "must be true or false");
            return false;
        }
        boolean immediate = Boolean.TRUE.equals(raw);
        execution.setVariable(LeaverVariables.IMMEDIATE, immediate);
        return immediate;
    }

    /** A joiner that has not provisioned yet leaves no link; HR must still be able to stop it with a leaver. */
    private boolean hasRunningRequest(String employeeId) {
        return !requests.of(employeeId, LeaverStopPendingRequests.SUPERSEDED_PROCESSES).isEmpty();
    }

    /** Why no leaver starts for someone with no linked account, saying what the employee registry knows of them. */
    private String unmanaged(String employeeId) {
        return registry.find(employeeId).map(known -> known.status() == EmployeeStatus.LEFT
                        ? employeeId + " has already left" + (known.lastDay() == null ? "" : " (last day " + known.lastDay() + ")")
                                + "; jmlflow manages no account of theirs any more"
                        : employeeId + " (" + known.userName() + ") is in the employee registry as " + known.status()
                                + ", but no account of theirs is linked in any app and no joiner or mover of theirs is"
                                + " running; remove any access they have in the apps by hand")
                .orElse("no account is linked to '" + employeeId + "' and no joiner or mover of theirs is running;"
                        + " only employees whose accounts jmlflow manages can leave through it");
    }

    private void knownAndNotLeavingYet(DelegateExecution execution, String employeeId, FormCheck check) {
        if (accounts.linked(employeeId).isEmpty() && !hasRunningRequest(employeeId)) {
            check.problem(RequestVariables.EMPLOYEE_ID, unmanaged(employeeId));
            return;
        }
        String userName = accounts.userName(employeeId);
        if (userName != null) {
            execution.setVariable(RequestVariables.EMAIL, userName); // the subject's mail, for the four-eyes rule
        }
        String businessKey = execution.getProcessBusinessKey();
        if (businessKey == null || businessKey.isBlank()) {
            execution.setProcessBusinessKey(employeeId);
        } else if (!businessKey.equals(employeeId)) {
            check.problem("businessKey", "must be the employee id '" + employeeId + "' (or left empty)");
            return;
        }
        if (requests.another(execution, RunningRequests.LEAVER, employeeId)) {
            check.problem(RequestVariables.EMPLOYEE_ID, "a leaver request for '" + employeeId
                    + "' is already running; change its last day or cancel it instead");
        }
    }

    /** The leaver's {@link RequestSummary}: at the start, and again when HR changes the last day. */
    static void summarize(DelegateExecution execution, EmployeeRegistry registry) {
        RequestSummary.write(execution, "Leaver", registry.find(RequestVariables.employeeId(execution))
                        .map(employee -> RequestSummary.name(employee.givenName(), employee.familyName())).orElse(null),
                "last day " + LeaverVariables.lastDayText(execution),
                Boolean.TRUE.equals(LeaverVariables.immediate(execution)) ? "immediate" : null);
    }
}
