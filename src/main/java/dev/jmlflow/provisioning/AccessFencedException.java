package dev.jmlflow.provisioning;

/**
 * A business outcome: a leaver has cut the employee's access, so nothing may create an account or grant access for
 * them any more. The request that tried was superseded by the leaver; nothing was sent to the target.
 */
public class AccessFencedException extends ProvisioningException {

    public AccessFencedException(String target, String message) {
        super(target, message);
    }
}
