package dev.jmlflow.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.scim.ScimSchemas;
import dev.jmlflow.scim.ScimUser;
import org.junit.jupiter.api.Test;

class UserMappingTest {

    private final Employee ada = new Employee("E1", "ada@example.com", "Ada", "King", "R&D", "Engineer", "M1");

    @Test
    void aNewUserCarriesTheEmployeeIdAsExternalIdAndTheUserNameAsWorkEmail() {
        ScimUser user = UserMapping.newUser(ada);

        assertThat(user.externalId()).isEqualTo("E1");
        assertThat(user.userName()).isEqualTo("ada@example.com");
        assertThat(user.emails()).containsExactly(new ScimUser.Email("ada@example.com", "work", true));
        assertThat(user.name()).isEqualTo(new ScimUser.Name("Ada", "King", "Ada King"));
        assertThat(user.displayName()).isEqualTo("Ada King");
        assertThat(user.title()).isEqualTo("Engineer");
        assertThat(user.active()).isTrue();
        assertThat(user.enterprise().department()).isEqualTo("R&D");
        assertThat(user.schemas()).containsExactly(ScimSchemas.USER, ScimSchemas.ENTERPRISE_USER);
    }

    @Test
    void aNewUserWithoutDepartmentHasNoEnterpriseExtension() {
        ScimUser user = UserMapping.newUser(new Employee("E2", "bo@example.com", null, null, null, null, null));

        assertThat(user.enterprise()).isNull();
        assertThat(user.schemas()).containsExactly(ScimSchemas.USER);
        assertThat(user.displayName()).isNull();
    }

    @Test
    void theKeptAttributesAreKeyedByScimPath() {
        assertThat(UserMapping.attributes(ada)).containsExactly(
                java.util.Map.entry("name.givenName", "Ada"),
                java.util.Map.entry("name.familyName", "King"),
                java.util.Map.entry("displayName", "Ada King"),
                java.util.Map.entry("title", "Engineer"),
                java.util.Map.entry(ScimSchemas.ENTERPRISE_USER + ":department", "R&D"));
    }

    @Test
    void whatTheRecordLeavesEmptyIsNotTouched() {
        assertThat(UserMapping.attributes(new Employee("E3", "cy@example.com", "Cy", null, null, null, null)))
                .containsOnlyKeys("name.givenName", "displayName");
    }
}
