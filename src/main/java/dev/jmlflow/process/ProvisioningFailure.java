package dev.jmlflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The reason a joiner or mover failed for good, in {@value #VARIABLE} on the process instance: recorded when an app
 * ends failed ({@code ${provisioningFailures.appFailed(execution)}}) or ops abort
 * ({@code ${provisioningFailures.abortedByOps(execution)}}), and read by the gateway that decides to roll back.
 * Errors are caught inside each app's scope, never on a boundary around it, so that the writes already completed
 * keep their compensation subscriptions.
 */
@Component("provisioningFailures")
public class ProvisioningFailure {

    public static final String VARIABLE = "failureReason";
    /** An app's own failure, declared on the app's subprocess instance. */
    public static final String APP_FAILURE = "appFailureReason";
    /** Where an error boundary event leaves the message of the error it caught. */
    public static final String ERROR_MESSAGE = "errorMessage";

    /** A group of an app was refused: the app's remaining groups are skipped and the app ends failed. */
    public void groupRefused(DelegateExecution execution) {
        execution.setVariable(APP_FAILURE, RequestVariables.text(execution, ERROR_MESSAGE));
    }

    /** An app failed for good: its reason becomes the request's, which rolls the request back. */
    public void appFailed(DelegateExecution execution) {
        String reason = RequestVariables.text(execution, APP_FAILURE);
        record(execution, reason != null ? reason : String.valueOf(RequestVariables.text(execution, ERROR_MESSAGE)));
    }

    /** Ops chose to abort instead of linking a conflicting account. */
    public void abortedByOps(DelegateExecution execution) {
        String comment = RequestVariables.text(execution, "comment");
        record(execution, "target " + RequestVariables.target(execution)
                + ": an account with this userName exists and is not ours; IT ops chose to abort"
                + (comment == null ? "" : " (" + comment + ")"));
    }

    /** Declares the variable on the process instance, so that every target's failure lands in the same place. */
    public static void reset(DelegateExecution execution) {
        execution.getProcessInstance().setVariable(VARIABLE, null);
    }

    public static void record(DelegateExecution execution, String reason) {
        execution.getProcessInstance().setVariable(VARIABLE, reason);
    }

    public static String reason(DelegateExecution execution) {
        String reason = RequestVariables.text(execution, VARIABLE);
        return reason == null ? "(no reason recorded)" : reason;
    }
}
