package dev.jmlflow.process;

/**
 * A call to one target that failed in a way a later job retry may fix. Its message becomes the Cockpit incident
 * message once the retries are used up, so it names the target: a SCIM error alone names only the call.
 */
public final class TargetCallFailedException extends RuntimeException {

    public TargetCallFailedException(String target, RuntimeException cause) {
        super("target " + target + ": " + cause.getMessage(), cause);
    }
}
