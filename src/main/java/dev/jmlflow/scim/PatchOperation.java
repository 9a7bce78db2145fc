package dev.jmlflow.scim;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One PATCH operation (RFC 7644 section 3.5.2), always with a lower-case {@code op}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PatchOperation(String op, String path, Object value) {

    public static PatchOperation add(String path, Object value) {
        return new PatchOperation("add", path, value);
    }

    public static PatchOperation replace(String path, Object value) {
        return new PatchOperation("replace", path, value);
    }

    public static PatchOperation remove(String path) {
        return new PatchOperation("remove", path, null);
    }

    /** Adds one member; never replaces the member list, so concurrent changes are not lost. */
    public static PatchOperation addMember(String userId) {
        return add("members", List.of(ScimGroup.Member.user(userId)));
    }

    /** Removes one member by a value filter on the path, built by the escaping filter builder. */
    public static PatchOperation removeMember(String userId) {
        return remove("members[" + ScimFilter.eq("value", userId) + "]");
    }
}
