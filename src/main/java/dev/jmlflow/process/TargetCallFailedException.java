package dev.jmlflow.process;

/**
 * A call to one target that failed in a way a later job retry may fix. Its message becomes the Cockpit incident
 * message once the retries are used up, so it names the target: a SCIM error alone names only the call. Messages
 * from provisioning already name it, and ops should read it once.
 */
public final class TargetCallFailedException extends RuntimeException {

    public TargetCallFailedException(String target, RuntimeException cause) {
        super(namingTarget(target, String.valueOf(cause.getMessage())), cause);
    }

    private static String namingTarget(String target, String message) {
        String prefix = "target " + target + ":";
        return message.startsWith(prefix) ? message : prefix + " " + message;
    }
}
