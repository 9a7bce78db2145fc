package dev.jmlflow.mover;

import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.process.AccessPlanVariables;
import dev.jmlflow.process.AccountSteps;
import dev.jmlflow.process.ProvisioningErrors;
import dev.jmlflow.process.RequestVariables;
import dev.jmlflow.provisioning.ProvisioningService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Brings the account on one target up to the new role: updates the attributes of an existing account, or
 * ensures an account on a target the new role needs for the first time.
 */
@Component("moverUpdateAccount")
public class MoverUpdateAccount implements JavaDelegate {

    /** Marks an account whose attributes this request changed, so that compensation restores the old ones. */
    static final String UPDATED = "UPDATED";

    private final ProvisioningService provisioning;
    private final AccountSteps steps;

    public MoverUpdateAccount(ProvisioningService provisioning, AccountSteps steps) {
        this.provisioning = provisioning;
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        String target = text(execution, TARGET);
        boolean existing = AccessPlanVariables.read(execution).target(target).orElseThrow().existingAccount();
        if (existing) {
            ProvisioningErrors.run(target, () -> provisioning.updateAttributes(target, RequestVariables.employee(execution)));
            execution.setVariable(ACCOUNT_CHANGE, UPDATED);
        } else {
            steps.ensure(execution);
        }
    }
}
