package dev.jmlflow.leaver;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** After the retention period: the accounts still deactivated, which the app owners are asked to delete. */
@Component("leaverListAccountsToDelete")
public class ListAccountsToDeleteDelegate implements JavaDelegate {

    private final LeaverAccounts accounts;

    public ListAccountsToDeleteDelegate(LeaverAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("accountsToDelete", accounts.deactivated((String) execution.getVariable("employeeId")));
    }
}
