package dev.jmlflow.leaver;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Resolves a create attempt by lookup, verifies the account is still the leaver's, deactivates it and reads it back
 * ({@link AccessCutOff#deactivate}); idempotent, so a retried job converges.
 */
@Component("leaverDeactivateAccount")
public class DeactivateAccountDelegate implements JavaDelegate {

    private final AccessCutOff cutOff;

    public DeactivateAccountDelegate(AccessCutOff cutOff) {
        this.cutOff = cutOff;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = (String) execution.getVariable("target");
        String employeeId = (String) execution.getVariable("employeeId");
        LeaverErrors.run(target, () -> cutOff.deactivate(target, employeeId));
    }
}
