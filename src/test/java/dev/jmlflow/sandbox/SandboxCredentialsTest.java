package dev.jmlflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.policy.JmlflowGroups;
import dev.jmlflow.security.SeededUsers.SeededUser;
import org.junit.jupiter.api.Test;

/** The demo users as security sees them: seeded users with this start's passwords. */
class SandboxCredentialsTest {

    @Test
    void everyDemoUserIsSeededWithItsGeneratedPasswordAndAMarkedEmail() {
        SandboxCredentials credentials = SandboxCredentials.generate(false);

        assertThat(credentials.users()).extracting(SeededUser::id)
                .containsExactly("hr", "manager1", "manager2", "appowner", "ops");
        assertThat(credentials.users()).allSatisfy(user -> {
            assertThat(user.password()).isEqualTo(credentials.passwordOf(user.id()));
            assertThat(credentials.isSeeded(user.email())).isTrue();
        });
    }

    @Test
    void theSandboxAdminIsSeededIntoCamundaAdminOnlyWhenNoAdminIsConfigured() {
        assertThat(SandboxCredentials.generate(true).users())
                .filteredOn(user -> JmlflowGroups.CAMUNDA_ADMIN.equals(user.group()))
                .extracting(SeededUser::id).containsExactly(SandboxCredentials.ADMIN);
        assertThat(SandboxCredentials.generate(false).users()).extracting(SeededUser::group)
                .doesNotContain(JmlflowGroups.CAMUNDA_ADMIN);
    }

    @Test
    void outsideTheSandboxNothingIsSeededAndTheBannerSaysNothing() {
        SandboxCredentials none = SandboxCredentials.none();

        assertThat(none.users()).isEmpty();
        assertThat(none.bannerText("http://localhost:8080")).isEmpty();
    }

    @Test
    void onlyUsersWithTheSandboxEmailCountAsSeeded() {
        SandboxCredentials none = SandboxCredentials.none();

        assertThat(none.isSeeded("hr@sandbox.jmlflow.invalid")).isTrue();
        assertThat(none.isSeeded("hr@example.com")).isFalse();
        assertThat(none.isSeeded(null)).isFalse();
    }

    @Test
    void aSeededUserNeverPrintsItsPassword() {
        SeededUser user = SandboxCredentials.generate(false).users().get(0);

        assertThat(user.toString()).doesNotContain(user.password());
    }
}
