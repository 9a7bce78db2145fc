package dev.jmlflow.provisioning;

/** No group, or more than one, with this exact displayName on the target. */
public class UnknownGroupException extends ProvisioningException {

    public UnknownGroupException(String target, String message) {
        super(target, message);
    }
}
