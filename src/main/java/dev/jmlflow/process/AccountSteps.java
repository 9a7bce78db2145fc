package dev.jmlflow.process;

import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.provisioning.AccountLink;
import dev.jmlflow.provisioning.LinkState;
import dev.jmlflow.provisioning.ProvisioningService;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The account steps joiner and mover share, so that their delegates call one piece instead of each other: ensure the
 * employee's account on one target (create, adopt or, for a rehire, reactivate it) and remember which of these this
 * request did; and its compensation, which undoes exactly that. An account that was already active is left alone.
 */
@Component
public class AccountSteps {

    /** What compensation may undo. */
    public enum AccountChange { CREATED, REACTIVATED, ADOPTED, UNCHANGED }

    private final ProvisioningService provisioning;

    public AccountSteps(ProvisioningService provisioning) {
        this.provisioning = provisioning;
    }

    public void ensure(DelegateExecution execution) {
        String target = text(execution, TARGET);
        String employeeId = text(execution, EMPLOYEE_ID);
        Optional<AccountLink> before = provisioning.link(target, employeeId);
        AccountLink after = ProvisioningErrors.call(target, () -> provisioning.ensureUser(target, RequestVariables.employee(execution)));
        // declared on the app's subprocess instance, so that its compensation finds it
        execution.setVariable(ACCOUNT_CHANGE, change(before, after).name());
    }

    /**
     * Deactivates an account this request created (only while its externalId is still ours, checked by the
     * provisioning service) or reactivated; never touches an adopted or untouched one.
     */
    public void undo(DelegateExecution execution) {
        String target = text(execution, TARGET);
        String employeeId = text(execution, EMPLOYEE_ID);
        switch (AccountChange.valueOf(text(execution, ACCOUNT_CHANGE))) {
            case CREATED -> provisioning.undoCreatedAccount(target, employeeId);
            case REACTIVATED -> provisioning.deactivate(target, employeeId);
            case ADOPTED, UNCHANGED -> {
                // not ours to undo
            }
        }
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
