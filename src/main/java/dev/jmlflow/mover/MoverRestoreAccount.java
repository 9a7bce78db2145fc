package dev.jmlflow.mover;

import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.process.AccountSteps;
import dev.jmlflow.provisioning.ProvisioningService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Compensation of "update account": puts the old attributes back, or undoes an account this request created. */
@Component("moverRestoreAccount")
public class MoverRestoreAccount implements JavaDelegate {

    private final ProvisioningService provisioning;
    private final AccountSteps steps;

    public MoverRestoreAccount(ProvisioningService provisioning, AccountSteps steps) {
        this.provisioning = provisioning;
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        if (MoverUpdateAccount.UPDATED.equals(text(execution, ACCOUNT_CHANGE))) {
            provisioning.updateAttributes(text(execution, TARGET), MoverVariables.previous(execution));
        } else {
            steps.undo(execution);
        }
    }
}
