package dev.jmlflow.leaver;

import dev.jmlflow.process.RequestVariables;
import dev.jmlflow.provisioning.AccessFence;
import dev.jmlflow.targets.TargetProperties;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Fixes which apps this leaver deprovisions: first cuts the employee's access on every target (committed on its own,
 * so every create admitted before it is already recorded and every later one is refused), then reads every target
 * with a live link or a create attempt. No SCIM call.
 */
@Component("leaverFindLinkedAccounts")
public class LeaverFindLinkedAccounts implements JavaDelegate {

    private final AccessFence fence;
    private final TargetProperties targets;
    private final LeaverAccounts accounts;

    public LeaverFindLinkedAccounts(AccessFence fence, TargetProperties targets, LeaverAccounts accounts) {
        this.fence = fence;
        this.targets = targets;
        this.accounts = accounts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String employeeId = RequestVariables.employeeId(execution);
        fence.cut(employeeId, execution.getProcessInstanceId(), targets.targets().keySet());
        execution.setVariable(LeaverVariables.LINKED_TARGETS, accounts.linked(employeeId));
    }
}
