package dev.jmlflow.provisioning;

/**
 * A business outcome of a provisioning operation that retrying will not change. Messages name the target
 * and never contain a token.
 */
public abstract class ProvisioningException extends RuntimeException {

    private final String target;

    protected ProvisioningException(String target, String message) {
        super("target " + target + ": " + message);
        this.target = target;
    }

    public String target() {
        return target;
    }
}
