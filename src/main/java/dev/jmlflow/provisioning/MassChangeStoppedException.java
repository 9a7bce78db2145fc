package dev.jmlflow.provisioning;

/**
 * The app owner answered "stop" to a mass-change hold: this change is not sent. Not a business outcome (no BPMN
 * error path): the job fails until it is an incident naming the reason; a retry from Cockpit sends the change (ops decided), a cancel drops it.
 */
public final class MassChangeStoppedException extends RuntimeException {

    public MassChangeStoppedException(DestructiveChange change) {
        super("target " + change.target() + ": " + MassChangeHeldException.describe(change) + " stopped by the app owner after a mass-change"
                + " hold; retry the job in Cockpit to send it anyway, or cancel the request");
    }
}
