package dev.jmlflow.leaver;

import dev.jmlflow.provisioning.ProvisioningService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Takes the (already deactivated) account out of every group it is in, read live from the target, for apps that
 * keep the memberships of inactive users. Removing a non-member is a no-op, so a retry converges.
 */
@Component("leaverRemoveGroupMemberships")
public class RemoveGroupMembershipsDelegate implements JavaDelegate {

    private final ProvisioningService provisioning;

    public RemoveGroupMembershipsDelegate(ProvisioningService provisioning) {
        this.provisioning = provisioning;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = (String) execution.getVariable("target");
        String employeeId = (String) execution.getVariable("employeeId");
        LeaverErrors.run(target, () -> provisioning.currentGroups(target, employeeId)
                .forEach(group -> provisioning.removeMembership(target, employeeId, group)));
    }
}
