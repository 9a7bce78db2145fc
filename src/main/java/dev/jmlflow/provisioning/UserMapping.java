package dev.jmlflow.provisioning;

import dev.jmlflow.scim.ScimSchemas;
import dev.jmlflow.scim.ScimUser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one mapping of an employee record to a SCIM user: for a create, and for the attributes kept in line. */
final class UserMapping {

    static final String DEPARTMENT_PATH = ScimSchemas.ENTERPRISE_USER + ":department";

    private UserMapping() {
    }

    /** The user a create sends: {@code externalId} is the employee id, the work email is the userName. */
    static ScimUser newUser(Employee e) {
        String displayName = displayName(e);
        ScimUser.EnterpriseUser enterprise = e.department() == null ? null : new ScimUser.EnterpriseUser(null, e.department(), null);
        List<String> schemas = enterprise == null ? List.of(ScimSchemas.USER) : List.of(ScimSchemas.USER, ScimSchemas.ENTERPRISE_USER);
        return new ScimUser(schemas, null, e.employeeId(), e.userName(),
                new ScimUser.Name(e.givenName(), e.familyName(), displayName),
                displayName, List.of(new ScimUser.Email(e.userName(), "work", true)), true, e.jobTitle(), enterprise, null, null);
    }

    /** The attributes jmlflow keeps in line, by SCIM path; what the employee record leaves empty is not touched. */
    static Map<String, Object> attributes(Employee e) {
        Map<String, Object> values = new LinkedHashMap<>();
        putIfPresent(values, "name.givenName", e.givenName());
        putIfPresent(values, "name.familyName", e.familyName());
        putIfPresent(values, "displayName", displayName(e));
        putIfPresent(values, "title", e.jobTitle());
        putIfPresent(values, DEPARTMENT_PATH, e.department());
        return values;
    }

    /** "given family", or null when the record has neither. */
    private static String displayName(Employee e) {
        String name = (nullToEmpty(e.givenName()) + " " + nullToEmpty(e.familyName())).strip();
        return name.isEmpty() ? null : name;
    }

    private static void putIfPresent(Map<String, Object> values, String path, String value) {
        if (value != null) {
            values.put(path, value);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
