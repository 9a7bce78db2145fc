package dev.jmlflow.targets;

import static dev.jmlflow.targets.DialectCapabilities.rfc7644;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How one family of SCIM servers behaves, as far as jmlflow has to care: one {@link DialectCapabilities} each,
 * stated as its differences from RFC 7644. The sources are the vendors' SCIM docs in {@code shared/seeds} and the
 * quirks listed in DESIGN.md. A new dialect is one constant here plus its tests (README, "Adding a target").
 */
public enum Dialect {

    /** PATCH only (no PUT), 409 on a duplicate userName, paging undocumented, regional base URLs. */
    CORALOGIX(rfc7644().patching(PatchSupport.ALWAYS).withoutPut().withUnreliablePaging()
            .inRegions(
                    "US1", "https://ng-api-http.coralogix.us/scim",
                    "EU1", "https://ng-api-http.coralogix.com/scim",
                    "EU2", "https://ng-api-http.eu2.coralogix.com/scim",
                    "AP1", "https://ng-api-http.app.coralogix.in/scim",
                    "AP2", "https://ng-api-http.coralogixsg.com/scim")
            .withTokenHint(" (the dedicated SCIM token from Settings > SCIM, not an API key)")),
    /** PUT and PATCH; create answers 200; 429 with Retry-After; reactivation only works through PUT. */
    CORTEX(rfc7644().patching(PatchSupport.ALWAYS).reactivating(WriteStrategy.PUT)),
    /**
     * Updates by PUT of the whole resource; only {@code userName eq} filters work and anything else returns
     * every user, so all list results are filtered client-side; no {@code externalId} in its user model.
     */
    COGINITI(rfc7644().writing(WriteStrategy.PUT).reactivating(WriteStrategy.PUT).patching(PatchSupport.NEVER)
            .lookingUp(LookupStrategy.USERNAME_EQ_ONLY).withoutGroupPatch().withoutExternalId()),
    /** RFC 7644; whether PATCH works is read from /ServiceProviderConfig. */
    GENERIC(rfc7644());

    private final DialectCapabilities capabilities;

    Dialect(DialectCapabilities capabilities) {
        this.capabilities = capabilities;
    }

    /** Reads a configured dialect name, with a message that lists the valid ones. */
    public static Dialect fromConfig(String value) {
        String key = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.name().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown dialect '" + value + "'; use one of " + configNames()));
    }

    /** Every dialect's configuration name, comma-separated, for messages. */
    public static String configNames() {
        return Arrays.stream(values()).map(Dialect::configName).collect(Collectors.joining(", "));
    }

    /** The dialects whose base URL may be given as a region. */
    public static List<Dialect> regional() {
        return Arrays.stream(values()).filter(d -> d.capabilities.usesRegions()).toList();
    }

    /** The vendor's name as its docs write it, for messages. */
    public String vendorName() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public DialectCapabilities capabilities() {
        return capabilities;
    }

    /** The documented base URL of one of this dialect's regions. */
    public Optional<URI> region(String region) {
        return Optional.ofNullable(region).map(r -> capabilities.regions().get(r.trim().toUpperCase(Locale.ROOT)));
    }

    /** The region names, for messages. */
    public String regionNames() {
        return String.join(", ", capabilities.regions().keySet());
    }
}
