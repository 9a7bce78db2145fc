package dev.jmlflow.leaver;

import dev.jmlflow.process.RequestVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Takes the (already deactivated) account out of every group it is in, read live from the target, for apps that
 * keep the memberships of inactive users. Removing a non-member is a no-op, so a retry converges.
 */
@Component("leaverRemoveGroupMemberships")
public class LeaverRemoveGroupMemberships implements JavaDelegate {

    private final AccessCutOff cutOff;

    public LeaverRemoveGroupMemberships(AccessCutOff cutOff) {
        this.cutOff = cutOff;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = RequestVariables.target(execution);
        String employeeId = RequestVariables.employeeId(execution);
        LeaverErrors.run(target, () -> cutOff.removeGroups(target, employeeId));
    }
}
