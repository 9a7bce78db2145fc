package dev.jmlflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.sandbox.SandboxCredentials;
import dev.jmlflow.sandbox.SandboxMode;
import dev.jmlflow.sandbox.SandboxModeConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The start-up decisions made from configuration alone: sandbox or not, and whether the admin is safe. Cheap: no
 * engine, no web server.
 */
class AdminStartupTest {

    private static final String TARGET = "jmlflow.targets.coralogix.token=scim-token";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SecurityConfiguration.class, SandboxModeConfiguration.class, BindAdmin.class);

    /** In the application, {@code @ConfigurationPropertiesScan} binds it; this slice has no scan. */
    @EnableConfigurationProperties(AdminProperties.class)
    static class BindAdmin {
    }

    @Test
    void startingWithATargetAndNoAdminPasswordFailsWithWhatToSet() {
        runner.withPropertyValues(TARGET, "jmlflow.admin.user=gatekeeper").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(AdminCredentialsPolicy.InsecureAdminException.class)
                    .hasMessageContaining("a target is configured (jmlflow.targets.coralogix.token)")
                    .hasMessageContaining("JMLFLOW_ADMIN_PASSWORD is not set")
                    .hasMessageContaining("Set JMLFLOW_ADMIN_USER")
                    .hasMessageContaining("JMLFLOW_ADMIN_PASSWORD to a password of at least 12 characters");
        });
    }

    @Test
    void startingWithATargetAndAWeakAdminPasswordFails() {
        runner.withPropertyValues(TARGET, "jmlflow.admin.user=gatekeeper", "jmlflow.admin.password=Password123!")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("JMLFLOW_ADMIN_PASSWORD is a common password"));
    }

    @Test
    void startingWithATargetAndPasswordEqualToTheUserFails() {
        runner.withPropertyValues(TARGET, "jmlflow.admin.user=Gatekeeper-4711!",
                "jmlflow.admin.password=Gatekeeper-4711!")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("JMLFLOW_ADMIN_PASSWORD equals JMLFLOW_ADMIN_USER"));
    }

    @Test
    void startingWithATargetAndASafeAdminHasNoDemoUsers() {
        runner.withPropertyValues(TARGET, "jmlflow.admin.user=gatekeeper",
                "jmlflow.admin.password=Tr4ck-the-Leavers!").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(SandboxMode.class).active()).isFalse();
                    assertThat(context.getBean(SandboxCredentials.class).isEmpty()).isTrue();
                });
    }

    @Test
    void aTargetWithOnlyBlankValuesDoesNotCount() {
        runner.withPropertyValues("jmlflow.targets.coralogix.token=").run(context ->
                assertThat(context.getBean(SandboxMode.class).active()).isTrue());
    }

    @Test
    void targetsPublishedByTheSandboxItselfDoNotEndSandboxMode() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                new org.springframework.core.env.MapPropertySource(SandboxMode.SANDBOX_PROPERTY_SOURCE,
                        java.util.Map.of("jmlflow.targets.cortex.base-url", "http://127.0.0.1:1/scim/v2"))))
                .run(context -> assertThat(context.getBean(SandboxMode.class).active()).isTrue());
    }

    @Test
    void withoutTargetsDemoUsersAndAnAdminGetRandomPasswordsThatDifferPerStart() {
        String[] first = new String[1];
        runner.run(context -> {
            SandboxCredentials credentials = context.getBean(SandboxCredentials.class);
            assertThat(context.getBean(SandboxMode.class).active()).isTrue();
            assertThat(credentials.all()).containsOnlyKeys("hr", "manager1", "manager2", "appowner", "ops", "admin");
            assertThat(credentials.all().values()).doesNotHaveDuplicates()
                    .allSatisfy(password -> assertThat(password).hasSize(20)
                            .containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]")
                            .containsPattern("[^A-Za-z0-9]"));
            first[0] = credentials.passwordOf("hr");
        });
        runner.run(context -> assertThat(context.getBean(SandboxCredentials.class).passwordOf("hr"))
                .isNotEqualTo(first[0]));
    }

    @Test
    void inSandboxModeAGivenAdminReplacesTheRandomOne() {
        runner.withPropertyValues("jmlflow.admin.user=gatekeeper", "jmlflow.admin.password=Tr4ck-the-Leavers!")
                .run(context -> assertThat(context.getBean(SandboxCredentials.class).hasUser("admin")).isFalse());
    }

    @Test
    void theBannerSaysSandboxAndListsEveryLoginAndUrl() {
        runner.run(context -> {
            SandboxCredentials credentials = context.getBean(SandboxCredentials.class);
            String text = context.getBean(StartupBanner.class).text("http://localhost:8080");
            assertThat(text).contains("SANDBOX MODE", "http://localhost:8080/camunda/app/tasklist/",
                    "http://localhost:8080/camunda/app/cockpit/", "http://localhost:8080/sandbox",
                    "http://localhost:8080/engine-rest");
            credentials.all().forEach((user, password) -> assertThat(text).contains(user).contains(password));
        });
    }
}
