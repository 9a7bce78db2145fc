package dev.jmlflow.joiner;

import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.process.ProvisioningErrors;
import dev.jmlflow.process.RequestVariables;
import dev.jmlflow.provisioning.ProvisioningService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After ops checked that the conflicting account is the joiner's and marked it as theirs (its externalId set to
 * the employee id): ensures the account again, which now adopts it after the provisioning service's exact-match
 * checks. An adopted account is never deactivated by compensation. If it still is not ours, the request fails for
 * good and is rolled back: jmlflow never takes over an account without that proof.
 */
@Component("joinerLinkExistingAccount")
public class JoinerLinkExistingAccount implements JavaDelegate {

    private final ProvisioningService provisioning;

    public JoinerLinkExistingAccount(ProvisioningService provisioning) {
        this.provisioning = provisioning;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = text(execution, TARGET);
        try {
            ProvisioningErrors.call(target, () -> provisioning.ensureUser(target, RequestVariables.employee(execution)));
        } catch (BpmnError e) {
            throw new BpmnError(ProvisioningErrors.PROVISIONING_FAILED, "ops chose to link, but " + e.getMessage());
        }
    }
}
