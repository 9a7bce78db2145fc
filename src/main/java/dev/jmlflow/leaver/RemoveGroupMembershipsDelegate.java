package dev.jmlflow.leaver;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Takes the (already deactivated) account out of every group it is in, read live from the target, for apps that
 * keep the memberships of inactive users. Removing a non-member is a no-op, so a retry converges.
 */
@Component("leaverRemoveGroupMemberships")
public class RemoveGroupMembershipsDelegate implements JavaDelegate {

    private final AccessCutOff cutOff;

    public RemoveGroupMembershipsDelegate(AccessCutOff cutOff) {
        this.cutOff = cutOff;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = (String) execution.getVariable("target");
        String employeeId = (String) execution.getVariable("employeeId");
        LeaverErrors.run(target, () -> cutOff.removeGroups(target, employeeId));
    }
}
