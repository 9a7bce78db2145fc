package dev.jmlflow.target;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How one family of SCIM servers behaves, as far as jmlflow has to care. The sources are the vendors' SCIM
 * docs in {@code shared/seeds} and the quirks listed in DESIGN.md.
 */
public enum Dialect {

    /** PATCH only (no PUT), 409 on a duplicate userName, paging undocumented, regional base URLs. */
    CORALOGIX(UpdateStyle.PATCH, UpdateStyle.PATCH, false, true, false, true),
    /** PUT and PATCH; create answers 200; 429 with Retry-After; reactivation only works through PUT. */
    CORTEX(UpdateStyle.PATCH, UpdateStyle.PUT, false, true, true, true),
    /**
     * Updates by PUT of the whole resource; only {@code userName eq} filters work and anything else returns
     * every user, so all list results are filtered client-side; no {@code externalId} in its user model.
     */
    COGINITI(UpdateStyle.PUT, UpdateStyle.PUT, true, false, true, false),
    /** RFC 7644; whether PATCH works is read from /ServiceProviderConfig. */
    GENERIC(UpdateStyle.PATCH, UpdateStyle.PATCH, false, true, true, true);

    /** How attribute and status changes reach the server. */
    public enum UpdateStyle { PATCH, PUT }

    private static final Map<String, URI> CORALOGIX_REGIONS = Map.of(
            "US1", URI.create("https://ng-api-http.coralogix.us/scim"),
            "EU1", URI.create("https://ng-api-http.coralogix.com/scim"),
            "EU2", URI.create("https://ng-api-http.eu2.coralogix.com/scim"),
            "AP1", URI.create("https://ng-api-http.app.coralogix.in/scim"),
            "AP2", URI.create("https://ng-api-http.coralogixsg.com/scim"));

    private final UpdateStyle updateStyle;
    private final UpdateStyle reactivateStyle;
    private final boolean clientSideFiltering;
    private final boolean groupPatch;
    private final boolean pagingReliable;
    private final boolean storesExternalId;

    Dialect(UpdateStyle updateStyle, UpdateStyle reactivateStyle, boolean clientSideFiltering, boolean groupPatch,
            boolean pagingReliable, boolean storesExternalId) {
        this.updateStyle = updateStyle;
        this.reactivateStyle = reactivateStyle;
        this.clientSideFiltering = clientSideFiltering;
        this.groupPatch = groupPatch;
        this.pagingReliable = pagingReliable;
        this.storesExternalId = storesExternalId;
    }

    /** Reads a configured dialect name, with a message that lists the valid ones. */
    public static Dialect fromConfig(String value) {
        String key = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.name().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown dialect '" + value + "'; use one of "
                        + Arrays.stream(values()).map(Dialect::configName).collect(Collectors.joining(", "))));
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The preferred way to change attributes (GENERIC falls back to PUT when the server has no PATCH). */
    public UpdateStyle updateStyle() {
        return updateStyle;
    }

    /** How {@code active=true} is set again (Cortex reactivates only through PUT). */
    public UpdateStyle reactivateStyle() {
        return reactivateStyle;
    }

    /** Whether a filtered list may contain non-matching resources that must be dropped client-side. */
    public boolean clientSideFiltering() {
        return clientSideFiltering;
    }

    /** Whether group membership can be changed by a one-member PATCH. */
    public boolean groupPatch() {
        return groupPatch;
    }

    /** Whether startIndex/count are known to work; otherwise lists are read as one page and checked. */
    public boolean pagingReliable() {
        return pagingReliable;
    }

    /** Whether the server keeps {@code externalId}, so it can prove that an account is ours. */
    public boolean storesExternalId() {
        return storesExternalId;
    }

    public boolean usesRegions() {
        return this == CORALOGIX;
    }

    /** The documented base URL of a Coralogix region (US1, EU1, EU2, AP1, AP2). */
    public static Optional<URI> coralogixRegion(String region) {
        return Optional.ofNullable(region).map(r -> CORALOGIX_REGIONS.get(r.trim().toUpperCase(Locale.ROOT)));
    }

    public static String coralogixRegionNames() {
        return "US1, EU1, EU2, AP1, AP2";
    }
}
