package dev.jmlflow.leaver;

import dev.jmlflow.process.RequestVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** After the retention period: the accounts still deactivated, which the app owners are asked to delete. */
@Component("leaverListAccountsToDelete")
public class LeaverListAccountsToDelete implements JavaDelegate {

    private final LeaverAccounts accounts;

    public LeaverListAccountsToDelete(LeaverAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(LeaverVariables.ACCOUNTS_TO_DELETE, accounts.deactivated(RequestVariables.employeeId(execution)));
    }
}
