package dev.jmlflow.scim;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A PATCH request body (RFC 7644 section 3.5.2). */
public record PatchRequest(List<String> schemas, @JsonProperty("Operations") List<PatchOperation> operations) {

    public PatchRequest {
        schemas = List.copyOf(schemas);
        operations = List.copyOf(operations);
    }

    public static PatchRequest of(PatchOperation... operations) {
        return new PatchRequest(List.of(ScimSchemas.PATCH_OP), List.of(operations));
    }
}
