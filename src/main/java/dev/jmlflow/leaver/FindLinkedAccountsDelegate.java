package dev.jmlflow.leaver;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Fixes which apps this leaver deprovisions: first cuts the employee's access (committed on its own, so every
 * create admitted before it is already recorded), then reads every target with a live link or a create attempt.
 */
@Component("leaverFindLinkedAccounts")
public class FindLinkedAccountsDelegate implements JavaDelegate {

    private final AccessCutOff cutOff;
    private final LeaverAccounts accounts;

    public FindLinkedAccountsDelegate(AccessCutOff cutOff, LeaverAccounts accounts) {
        this.cutOff = cutOff;
        this.accounts = accounts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String employeeId = (String) execution.getVariable("employeeId");
        cutOff.cut(employeeId, execution.getProcessInstanceId());
        execution.setVariable("linkedTargets", accounts.linked(employeeId));
    }
}
