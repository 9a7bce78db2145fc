package dev.jmlflow.provisioning;

/** An account with the employee's userName exists on the target that is not ours (no matching externalId). */
public class AccountConflictException extends ProvisioningException {

    public AccountConflictException(String target, String message) {
        super(target, message);
    }
}
