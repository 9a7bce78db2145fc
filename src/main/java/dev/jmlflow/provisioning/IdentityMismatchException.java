package dev.jmlflow.provisioning;

/** The stored SCIM id now belongs to someone else, or a lookup did not give exactly one exact match. */
public class IdentityMismatchException extends ProvisioningException {

    public IdentityMismatchException(String target, String message) {
        super(target, message);
    }
}
