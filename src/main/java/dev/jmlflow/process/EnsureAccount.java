package dev.jmlflow.process;

import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.provisioning.AccountLink;
import dev.jmlflow.provisioning.LinkState;
import dev.jmlflow.provisioning.ProvisioningService;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Creates, adopts or (for a rehire) reactivates the employee's account on one target, and remembers which of these
 * this request did, so that compensation undoes exactly that. An account that was already active is left alone
 * by compensation.
 */
@Component("ensureAccount")
public class EnsureAccount implements JavaDelegate {

    /** What compensation may undo. */
    enum AccountChange { CREATED, REACTIVATED, ADOPTED, UNCHANGED }

    private final ProvisioningService provisioning;

    public EnsureAccount(ProvisioningService provisioning) {
        this.provisioning = provisioning;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = text(execution, TARGET);
        String employeeId = text(execution, EMPLOYEE_ID);
        Optional<AccountLink> before = provisioning.link(target, employeeId);
        AccountLink after = ProvisioningErrors.call(target, () -> provisioning.ensureUser(target, RequestVariables.employee(execution)));
        // declared on the app's subprocess instance, so that its compensation finds it
        execution.setVariable(ACCOUNT_CHANGE, change(before, after).name());
    }

    static AccountChange change(Optional<AccountLink> before, AccountLink after) {
        LinkState previous = before.map(AccountLink::state).orElse(LinkState.DELETED);
        return switch (previous) {
            case ACTIVE -> AccountChange.UNCHANGED;
            case DEACTIVATED -> AccountChange.REACTIVATED;
            case DELETED -> switch (after.origin()) {
                case CREATED -> AccountChange.CREATED;
                case ADOPTED -> AccountChange.ADOPTED;
                case REACTIVATED -> AccountChange.REACTIVATED;
            };
        };
    }
}
