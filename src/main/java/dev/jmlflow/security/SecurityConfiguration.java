package dev.jmlflow.security;

import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/** Sandbox detection, the admin check and the start-up banner: decisions made from configuration alone. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
public class SecurityConfiguration {

    /**
     * Fails the start, before the engine is used, when real targets are configured without a safe admin; in
     * sandbox mode an admin is optional but must be safe when given.
     */
    @Bean
    SandboxMode sandboxMode(ConfigurableEnvironment environment, AdminProperties admin) {
        List<String> targets = SandboxMode.configuredTargets(environment);
        SandboxMode mode = new SandboxMode(targets.isEmpty());
        if (!mode.active()) {
            AdminCredentialsPolicy.requireSafe(admin.user(), admin.password(),
                    "a target is configured (" + String.join(", ", targets) + ")");
        } else if (admin.isGiven()) {
            AdminCredentialsPolicy.requireSafe(admin.user(), admin.password(),
                    "JMLFLOW_ADMIN_USER or JMLFLOW_ADMIN_PASSWORD is set");
        }
        return mode;
    }

    @Bean
    SandboxCredentials sandboxCredentials(SandboxMode sandboxMode, AdminProperties admin) {
        return sandboxMode.active() ? SandboxCredentials.generate(!admin.isGiven()) : SandboxCredentials.none();
    }

    @Bean
    StartupBanner startupBanner(SandboxMode sandboxMode, SandboxCredentials credentials, AdminProperties admin) {
        return new StartupBanner(sandboxMode, credentials, admin);
    }
}
