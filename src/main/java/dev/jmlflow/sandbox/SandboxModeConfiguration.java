package dev.jmlflow.sandbox;

import dev.jmlflow.security.AdminCredentialsPolicy;
import dev.jmlflow.security.AdminProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Sandbox or not, decided from configuration alone, and the demo users that come with it. Present in every run (the
 * demo users are empty outside the sandbox), because security seeds and removes users through them.
 */
@Configuration(proxyBeanMethods = false)
public class SandboxModeConfiguration {

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
}
