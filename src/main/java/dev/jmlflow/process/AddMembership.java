package dev.jmlflow.process;

import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.provisioning.ProvisioningService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Adds the employee to the group in {@code group} on {@code target}: a joiner's or mover's approved group (also
 * explicitly after a rehire), or the compensation of a mover's removal. Adding a member twice counts as done. The
 * account must still be the request's {@code email}: nothing adds a group to someone else's account.
 */
@Component("addMembership")
public class AddMembership implements JavaDelegate {

    private final ProvisioningService provisioning;

    public AddMembership(ProvisioningService provisioning) {
        this.provisioning = provisioning;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = text(execution, TARGET);
        ProvisioningErrors.run(target, () -> provisioning.addMembership(target, text(execution, EMPLOYEE_ID), text(execution, EMAIL),
                text(execution, GROUP)));
    }
}
