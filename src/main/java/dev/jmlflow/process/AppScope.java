package dev.jmlflow.process;

import static dev.jmlflow.process.RequestVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Declares the variables of one app's (and one group's) subprocess instance on that instance, from the start
 * event inside it. Compensation handlers later run on a snapshot of exactly these local variables, so what they
 * need must live here and not on the multi-instance's outer executions (where input mappings cannot see the
 * element variable yet).
 */
@Component("appScope")
public class AppScope {

    /**
     * An app's subprocess instance: its target, what ensuring the account did, and the app's failure. The messages
     * that error boundaries leave are declared here too: undeclared, the engine would put them on the process
     * instance, where apps running at the same time would write the same variable.
     */
    public void openApp(DelegateExecution execution) {
        execution.setVariableLocal(TARGET, target(execution));
        execution.setVariableLocal(ACCOUNT_CHANGE, AccountSteps.AccountChange.UNCHANGED.name());
        execution.setVariableLocal(ProvisioningFailure.APP_FAILURE, null);
        execution.setVariableLocal(ProvisioningFailure.ERROR_MESSAGE, null);
        execution.setVariableLocal(CONFLICT_REASON, null);
    }

    /** A group's subprocess instance inside an app. */
    public void openGroup(DelegateExecution execution) {
        execution.setVariableLocal(GROUP, text(execution, GROUP));
    }
}
