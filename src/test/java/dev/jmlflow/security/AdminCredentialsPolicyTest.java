package dev.jmlflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminCredentialsPolicyTest {

    @Test
    void aLongUncommonPasswordForANamedAdminIsAccepted() {
        assertThat(AdminCredentialsPolicy.problems("ops-admin", "Tr4ck-the-Leavers!")).isEmpty();
    }

    @Test
    void missingUserAndPasswordAreBothReported() {
        assertThat(AdminCredentialsPolicy.problems(null, " "))
                .containsExactly("JMLFLOW_ADMIN_USER is not set", "JMLFLOW_ADMIN_PASSWORD is not set");
    }

    @Test
    void aShortPasswordIsRefused() {
        assertThat(AdminCredentialsPolicy.problems("root2", "Sh0rt!pw"))
                .containsExactly("JMLFLOW_ADMIN_PASSWORD is shorter than 12 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Password123!", "Admin2024!!!", "changeme-1234", "Camunda#2025", "aaaaaaaaaaaaaa",
        "123456789012"})
    void aCommonPasswordIsRefused(String password) {
        assertThat(AdminCredentialsPolicy.problems("jane", password))
                .contains("JMLFLOW_ADMIN_PASSWORD is a common password");
    }

    @Test
    void aPasswordEqualToTheUserIsRefused() {
        assertThat(AdminCredentialsPolicy.problems("Gatekeeper-4711", "gatekeeper-4711"))
                .contains("JMLFLOW_ADMIN_PASSWORD equals JMLFLOW_ADMIN_USER");
    }

    @Test
    void aPasswordContainingTheUserIsRefused() {
        assertThat(AdminCredentialsPolicy.problems("gatekeeper", "gatekeeper-4711!X"))
                .contains("JMLFLOW_ADMIN_PASSWORD contains JMLFLOW_ADMIN_USER");
    }
}
