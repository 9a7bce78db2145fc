package dev.jmlflow.scim;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** An error body (RFC 7644 section 3.12). {@code status} is a string in the RFC; some servers send a number. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScimError(List<String> schemas, String status, String scimType, String detail) {
}
