package dev.jmlflow.scim;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Resource metadata (RFC 7643 section 3.1); {@code version} is the ETag when the server supports them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Meta(String resourceType, String created, String lastModified, String location, String version) {
}
