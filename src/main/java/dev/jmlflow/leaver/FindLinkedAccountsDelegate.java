package dev.jmlflow.leaver;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Fixes which apps this leaver deprovisions: every target with a live link, read when access must end. */
@Component("leaverFindLinkedAccounts")
public class FindLinkedAccountsDelegate implements JavaDelegate {

    private final LeaverAccounts accounts;

    public FindLinkedAccountsDelegate(LeaverAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("linkedTargets", accounts.linked((String) execution.getVariable("employeeId")));
    }
}
