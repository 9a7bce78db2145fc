package dev.jmlflow.provisioning;

/** No account link for this employee on this target. */
public class NotLinkedException extends ProvisioningException {

    public NotLinkedException(String target, String message) {
        super(target, message);
    }
}
