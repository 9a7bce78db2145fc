package dev.jmlflow.sandbox.scimserver;

import dev.jmlflow.targets.Dialect;
import dev.jmlflow.targets.DialectCapabilities;
import dev.jmlflow.targets.PatchSupport;
import java.util.Objects;

/**
 * What a sandbox tenant's SCIM service supports, so that one in-process server can stand in for
 * differently capable SaaS apps.
 *
 * @param name               shown in logs and on pages, e.g. {@code coralogix}
 * @param putSupported       whether {@code PUT /Users/{id}} and {@code PUT /Groups/{id}} are accepted
 *                           (refused with 405 otherwise)
 * @param patchSupported     whether PATCH is accepted (advertised in {@code /ServiceProviderConfig};
 *                           the SCIM-SDK refuses it otherwise)
 * @param etagSupported      whether resources carry {@code meta.version} and answers an {@code ETag} header
 * @param lenientContentType whether {@code application/json} is accepted besides {@code application/scim+json}
 */
public record Profile(String name, boolean putSupported, boolean patchSupported, boolean etagSupported,
                      boolean lenientContentType) {

    public Profile {
        Objects.requireNonNull(name, "name");
    }

    /**
     * A service that takes what the dialect's vendor takes (PUT, PATCH), from the same capabilities jmlflow writes
     * by, so the sandbox cannot drift from the dialect. Like most SaaS apps it takes {@code application/json} and
     * keeps no ETags.
     */
    public static Profile imitating(Dialect dialect) {
        DialectCapabilities capabilities = dialect.capabilities();
        return new Profile(dialect.configName(), capabilities.putSupported(),
                capabilities.patch() != PatchSupport.NEVER, false, true);
    }
}
