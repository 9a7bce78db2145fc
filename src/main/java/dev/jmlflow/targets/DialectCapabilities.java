package dev.jmlflow.targets;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything jmlflow has to know about one family of SCIM servers, as named capabilities.
 *
 * @param write            how attribute changes and deactivation are written
 * @param reactivate       how {@code active=true} is written again (Cortex reactivates only through PUT)
 * @param lookup           how far filters can be trusted
 * @param patch            whether PATCH works; {@link PatchSupport#ADVERTISED} falls back to PUT when the probe reads
 *                         no PATCH in {@code /ServiceProviderConfig}
 * @param putSupported     whether {@code PUT /Users/{id}} and {@code PUT /Groups/{id}} are accepted
 * @param groupPatch       whether group membership can be changed by a one-member PATCH (else PUT of the group)
 * @param storesExternalId whether the server keeps {@code externalId}, so it can prove that an account is ours
 * @param pagingReliable   whether startIndex/count work; otherwise lists are read as one page and checked
 * @param regions          documented base URLs by region name, for {@code region} instead of {@code base-url}
 * @param tokenHint        what to tell an operator whose token is missing, after the key (empty for none)
 */
public record DialectCapabilities(WriteStrategy write, WriteStrategy reactivate, LookupStrategy lookup,
                                  PatchSupport patch, boolean putSupported, boolean groupPatch,
                                  boolean storesExternalId, boolean pagingReliable, Map<String, URI> regions,
                                  String tokenHint) {

    public DialectCapabilities {
        Objects.requireNonNull(write, "write");
        Objects.requireNonNull(reactivate, "reactivate");
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(patch, "patch");
        regions = Collections.unmodifiableMap(new LinkedHashMap<>(regions));
        tokenHint = tokenHint == null ? "" : tokenHint;
    }

    /** An RFC 7644 server: PATCH if advertised, general filters, externalId kept, reliable paging, no regions. */
    public static DialectCapabilities rfc7644() {
        return new DialectCapabilities(WriteStrategy.PATCH, WriteStrategy.PATCH, LookupStrategy.FILTERS,
                PatchSupport.ADVERTISED, true, true, true, true, Map.of(), "");
    }

    /** Attribute changes and deactivation written this way. */
    public DialectCapabilities writing(WriteStrategy strategy) {
        return new DialectCapabilities(strategy, reactivate, lookup, patch, putSupported, groupPatch, storesExternalId, pagingReliable, regions, tokenHint);
    }

    /** Reactivation written this way. */
    public DialectCapabilities reactivating(WriteStrategy strategy) {
        return new DialectCapabilities(write, strategy, lookup, patch, putSupported, groupPatch, storesExternalId, pagingReliable, regions, tokenHint);
    }

    /** Lookups trusted this far. */
    public DialectCapabilities lookingUp(LookupStrategy strategy) {
        return new DialectCapabilities(write, reactivate, strategy, patch, putSupported, groupPatch, storesExternalId, pagingReliable, regions, tokenHint);
    }

    /** PATCH known to work, not to work, or read from the probe. */
    public DialectCapabilities patching(PatchSupport support) {
        return new DialectCapabilities(write, reactivate, lookup, support, putSupported, groupPatch, storesExternalId, pagingReliable, regions, tokenHint);
    }

    /** PUT refused (405). */
    public DialectCapabilities withoutPut() {
        return new DialectCapabilities(write, reactivate, lookup, patch, false, groupPatch, storesExternalId, pagingReliable, regions, tokenHint);
    }

    /** Memberships only by a PUT of the whole group. */
    public DialectCapabilities withoutGroupPatch() {
        return new DialectCapabilities(write, reactivate, lookup, patch, putSupported, false, storesExternalId, pagingReliable, regions, tokenHint);
    }

    /** No externalId in the user model. */
    public DialectCapabilities withoutExternalId() {
        return new DialectCapabilities(write, reactivate, lookup, patch, putSupported, groupPatch, false, pagingReliable, regions, tokenHint);
    }

    /** startIndex/count undocumented or broken. */
    public DialectCapabilities withUnreliablePaging() {
        return new DialectCapabilities(write, reactivate, lookup, patch, putSupported, groupPatch, storesExternalId, false, regions, tokenHint);
    }

    /** Base URLs by region name, given as name, URL, name, URL, ... in the order the docs list them. */
    public DialectCapabilities inRegions(String... nameThenUrl) {
        Map<String, URI> baseUrls = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameThenUrl.length; i += 2) {
            baseUrls.put(nameThenUrl[i], URI.create(nameThenUrl[i + 1]));
        }
        return new DialectCapabilities(write, reactivate, lookup, patch, putSupported, groupPatch, storesExternalId,
                pagingReliable, baseUrls, tokenHint);
    }

    /** Told with a missing token. */
    public DialectCapabilities withTokenHint(String hint) {
        return new DialectCapabilities(write, reactivate, lookup, patch, putSupported, groupPatch, storesExternalId, pagingReliable, regions, hint);
    }

    public boolean usesRegions() {
        return !regions.isEmpty();
    }
}
