package dev.jmlflow.leaver;

import dev.jmlflow.process.RequestVariables;
import dev.jmlflow.provisioning.LinkState;
import dev.jmlflow.provisioning.ProvisioningService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes one approved account. An account that is no longer deactivated (a rehire reactivated it since the
 * approval) is left alone. Failures are never business outcomes here: they retry and end as incidents.
 */
@Component("leaverDeleteAccount")
public class LeaverDeleteAccount implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(LeaverDeleteAccount.class);

    private final ProvisioningService provisioning;
    private final LeaverAccounts accounts;

    public LeaverDeleteAccount(ProvisioningService provisioning, LeaverAccounts accounts) {
        this.provisioning = provisioning;
        this.accounts = accounts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = RequestVariables.target(execution);
        String employeeId = RequestVariables.employeeId(execution);
        if (accounts.state(target, employeeId).filter(LinkState.DEACTIVATED::equals).isPresent()) {
            provisioning.delete(target, employeeId);
        } else {
            log.info("Not deleting the account of {} in {}: it is no longer deactivated", employeeId, target);
        }
    }
}
