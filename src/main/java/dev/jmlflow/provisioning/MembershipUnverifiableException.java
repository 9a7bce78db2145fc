package dev.jmlflow.provisioning;

/**
 * The target cannot show whether the employee is in a group: its group read leaves {@code members} out and it
 * does not (or may not be trusted to) filter on members. A membership change there is never reported as done;
 * ops check it by hand.
 */
public class MembershipUnverifiableException extends ProvisioningException {

    public MembershipUnverifiableException(String target, String message) {
        super(target, message);
    }
}
