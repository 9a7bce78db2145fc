package dev.jmlflow.scim;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A SCIM Group (RFC 7643 section 4.2). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScimGroup(List<String> schemas, String id, String externalId, String displayName, List<Member> members, Meta meta) {

    public ScimGroup {
        schemas = schemas == null ? null : List.copyOf(schemas);
        members = members == null ? null : List.copyOf(members);
    }

    /** Members as a list that is never null: servers may leave the attribute out when the group is empty. */
    public List<Member> memberList() {
        return members == null ? List.of() : members;
    }

    public boolean hasMember(String userId) {
        return memberList().stream().anyMatch(m -> userId.equals(m.value()));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Member(String value, String display, String type) {
        public static Member user(String id) {
            return new Member(id, null, null);
        }
    }
}
