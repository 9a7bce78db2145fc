package dev.jmlflow.process;

import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.provisioning.ProvisioningService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Compensation of "ensure account": deactivates an account this request created (only while its externalId is
 * still ours, checked by the provisioning service) or reactivated; never touches an adopted or untouched one.
 */
@Component("undoAccount")
public class UndoAccount implements JavaDelegate {

    private final ProvisioningService provisioning;

    public UndoAccount(ProvisioningService provisioning) {
        this.provisioning = provisioning;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = text(execution, TARGET);
        String employeeId = text(execution, EMPLOYEE_ID);
        switch (EnsureAccount.AccountChange.valueOf(text(execution, ACCOUNT_CHANGE))) {
            case CREATED -> provisioning.undoCreatedAccount(target, employeeId);
            case REACTIVATED -> provisioning.deactivate(target, employeeId);
            case ADOPTED, UNCHANGED -> {
                // not ours to undo
            }
        }
    }
}
