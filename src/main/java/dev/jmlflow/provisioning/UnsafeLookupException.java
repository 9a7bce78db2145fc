package dev.jmlflow.provisioning;

/** The target ignores filters (canary probe), and there is no stored id: a human has to match the account. */
public class UnsafeLookupException extends ProvisioningException {

    public UnsafeLookupException(String target, String message) {
        super(target, message);
    }
}
