package dev.jmlflow.process;

import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.provisioning.ProvisioningService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Removes the employee from the group in {@code group} on {@code target}: a mover's old group, or the
 * compensation of an addition. Removing a non-member counts as done, so a re-run is harmless.
 */
@Component("removeMembership")
public class RemoveMembership implements JavaDelegate {

    private final ProvisioningService provisioning;

    public RemoveMembership(ProvisioningService provisioning) {
        this.provisioning = provisioning;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = text(execution, TARGET);
        ProvisioningErrors.run(target, () -> provisioning.removeMembership(target, text(execution, EMPLOYEE_ID), text(execution, EMAIL),
                text(execution, GROUP)));
    }
}
