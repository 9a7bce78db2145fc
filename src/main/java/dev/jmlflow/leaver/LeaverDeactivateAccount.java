package dev.jmlflow.leaver;

import dev.jmlflow.process.RequestVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Resolves a create attempt by lookup, verifies the account is still the leaver's, deactivates it and reads it back
 * ({@link AccessCutOff#deactivate}); idempotent, so a retried job converges.
 */
@Component("leaverDeactivateAccount")
public class LeaverDeactivateAccount implements JavaDelegate {

    private final AccessCutOff cutOff;

    public LeaverDeactivateAccount(AccessCutOff cutOff) {
        this.cutOff = cutOff;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = RequestVariables.target(execution);
        String employeeId = RequestVariables.employeeId(execution);
        LeaverErrors.run(target, () -> cutOff.deactivate(target, employeeId));
    }
}
