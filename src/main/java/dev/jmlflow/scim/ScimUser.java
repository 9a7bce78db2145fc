package dev.jmlflow.scim;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A SCIM User (RFC 7643 section 4.1) with the enterprise extension fields jmlflow uses. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScimUser(
        List<String> schemas,
        String id,
        String externalId,
        String userName,
        Name name,
        String displayName,
        List<Email> emails,
        Boolean active,
        String title,
        @JsonProperty(ScimSchemas.ENTERPRISE_USER) EnterpriseUser enterprise,
        List<GroupRef> groups,
        Meta meta) {

    public ScimUser {
        schemas = schemas == null ? null : List.copyOf(schemas);
        emails = emails == null ? null : List.copyOf(emails);
        groups = groups == null ? null : List.copyOf(groups);
    }

    /** {@code true} only when the server said so explicitly; a missing flag is not proof of activity. */
    public boolean isActive() {
        return Boolean.TRUE.equals(active);
    }

    public ScimUser withId(String newId) {
        return new ScimUser(schemas, newId, externalId, userName, name, displayName, emails, active, title, enterprise, groups, meta);
    }

    public ScimUser withActive(boolean newActive) {
        return new ScimUser(schemas, id, externalId, userName, name, displayName, emails, newActive, title, enterprise, groups, meta);
    }

    /** The same user without the read-only attributes a PUT must not send back (meta, groups). */
    public ScimUser withoutReadOnly() {
        return new ScimUser(schemas, id, externalId, userName, name, displayName, emails, active, title, enterprise, null, null);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Name(String givenName, String familyName, String formatted) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Email(String value, String type, Boolean primary) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EnterpriseUser(String employeeNumber, String department, Manager manager) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Manager(String value, String displayName) {
    }

    /** A read-only group reference the server lists on the user. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GroupRef(String value, String display) {
    }
}
