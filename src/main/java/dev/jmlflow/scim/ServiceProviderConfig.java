package dev.jmlflow.scim;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What a server says it supports (RFC 7643 section 5). Absent sections read as unsupported. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceProviderConfig(Supported patch, Bulk bulk, Filter filter, Supported changePassword, Supported sort, Supported etag) {

    public boolean patchSupported() {
        return patch != null && patch.supported();
    }

    public boolean filterSupported() {
        return filter != null && filter.supported();
    }

    public boolean etagSupported() {
        return etag != null && etag.supported();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Supported(boolean supported) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Filter(boolean supported, Integer maxResults) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Bulk(boolean supported, Integer maxOperations, Integer maxPayloadSize) {
    }
}
