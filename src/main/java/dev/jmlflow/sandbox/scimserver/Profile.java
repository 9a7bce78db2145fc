package dev.jmlflow.sandbox.scimserver;

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

    /** A complete RFC 7644 service that insists on {@code application/scim+json}. */
    public static final Profile STRICT = new Profile("strict", true, true, true, false);
    /** As {@link #STRICT}, but also takes {@code application/json} like most SaaS apps do. */
    public static final Profile LENIENT = new Profile("lenient", true, true, true, true);
    /** Coralogix: updates by PATCH only. */
    public static final Profile CORALOGIX = new Profile("coralogix", false, true, false, true);
    /** Cortex: PUT and PATCH. */
    public static final Profile CORTEX = new Profile("cortex", true, true, false, true);
    /** Coginiti: updates by PUT only. */
    public static final Profile COGINITI = new Profile("coginiti", true, false, false, true);

    public Profile {
        Objects.requireNonNull(name, "name");
    }
}
