package dev.jmlflow.targets;

import dev.jmlflow.scim.ServiceProviderConfig;

/** Whether a target takes PATCH: known from the vendor's docs, or read from its {@code /ServiceProviderConfig}. */
public enum PatchSupport {

    ALWAYS, NEVER, ADVERTISED;

    /** What the probe records; an absent config (404) counts as PATCH for an advertising server, as RFC 7644 expects. */
    public boolean supported(ServiceProviderConfig config) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ADVERTISED -> config == null || config.patchSupported();
        };
    }
}
