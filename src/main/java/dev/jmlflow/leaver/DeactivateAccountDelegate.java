package dev.jmlflow.leaver;

import dev.jmlflow.provisioning.ProvisioningService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Verifies the account is still the leaver's, deactivates it and reads it back (all in
 * {@link ProvisioningService#deactivate}); idempotent, so a retried job converges.
 */
@Component("leaverDeactivateAccount")
public class DeactivateAccountDelegate implements JavaDelegate {

    private final ProvisioningService provisioning;

    public DeactivateAccountDelegate(ProvisioningService provisioning) {
        this.provisioning = provisioning;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = (String) execution.getVariable("target");
        String employeeId = (String) execution.getVariable("employeeId");
        LeaverErrors.run(target, () -> provisioning.deactivate(target, employeeId));
    }
}
