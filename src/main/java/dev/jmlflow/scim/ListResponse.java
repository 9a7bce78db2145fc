package dev.jmlflow.scim;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A query result (RFC 7644 section 3.4.2). A missing {@code Resources} means an empty page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListResponse<T>(
        List<String> schemas,
        Integer totalResults,
        Integer itemsPerPage,
        Integer startIndex,
        @JsonProperty("Resources") List<T> resources) {

    public ListResponse {
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    public boolean declaresListResponseSchema() {
        return schemas.contains(ScimSchemas.LIST_RESPONSE);
    }
}
