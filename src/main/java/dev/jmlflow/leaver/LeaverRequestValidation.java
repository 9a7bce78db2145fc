package dev.jmlflow.leaver;

import dev.jmlflow.process.Engine;
import dev.jmlflow.process.FormCheck;
import dev.jmlflow.process.RequestVariables;
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
    private static final String PROCESS_KEY = "leaver";

    private final LeaverAccounts accounts;
    private final LeaverSchedule schedule;

    public LeaverRequestValidation(LeaverAccounts accounts, LeaverSchedule schedule) {
        this.accounts = accounts;
        this.schedule = schedule;
    }

    @Override
    public void notify(DelegateExecution execution) {
        FormCheck check = new FormCheck(execution);
        String employeeId = check.id("employeeId");
        boolean immediate = immediate(execution, check);
        // a past last day without "immediate" is more likely a typo than a late request
        check.dateBetween("lastDay", immediate ? null : schedule.today(), schedule.latestLastDay());
        String reason = check.required("reason");
        if (reason != null && reason.length() > MAX_REASON) {
            check.problem("reason", "must not be longer than " + MAX_REASON + " characters");
        }
        if (employeeId != null) {
            knownAndNotLeavingYet(execution, employeeId, check);
        }
        check.throwIfInvalid();
    }

    private static boolean immediate(DelegateExecution execution, FormCheck check) {
        Object raw = execution.getVariable("immediate");
        if (raw != null && !(raw instanceof Boolean)) {
            check.problem("immediate", "must be true or false");
            return false;
        }
        boolean immediate = Boolean.TRUE.equals(raw);
        execution.setVariable("immediate", immediate);
        return immediate;
    }

    /** A joiner that has not provisioned yet leaves no link; HR must still be able to stop it with a leaver. */
    private static boolean hasRunningRequest(DelegateExecution execution, String employeeId) {
        return Engine.withoutAuthorization(() -> execution.getProcessEngineServices().getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKeyIn(StopPendingRequests.SUPERSEDED_PROCESSES.toArray(String[]::new))
                .processInstanceBusinessKey(employeeId)
                .count()) > 0;
    }

    private void knownAndNotLeavingYet(DelegateExecution execution, String employeeId, FormCheck check) {
        if (accounts.linked(employeeId).isEmpty() && !hasRunningRequest(execution, employeeId)) {
            check.problem("employeeId", "no account is linked to '" + employeeId
                    + "' and no joiner or mover of theirs is running; only employees whose accounts jmlflow manages"
                    + " can leave through it");
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
        // the requester may not see other requests; this check must
        long running = Engine.withoutAuthorization(() -> execution.getProcessEngineServices().getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(employeeId)
                .list().stream()
                .filter(other -> !other.getId().equals(execution.getProcessInstanceId()))
                .count());
        if (running > 0) {
            check.problem("employeeId", "a leaver request for '" + employeeId
                    + "' is already running; change its last day or cancel it instead");
        }
    }
}
