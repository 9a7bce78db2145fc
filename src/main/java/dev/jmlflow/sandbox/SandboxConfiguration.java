package dev.jmlflow.sandbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The sandbox targets; absent as soon as an operator configures a target. The read-only page is {@link SandboxPage}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SandboxActive.class)
class SandboxConfiguration {

    /** Static: it must run before any bean reads {@code jmlflow.targets}. */
    @Bean
    static SandboxTargets sandboxTargets(ConfigurableEnvironment environment) {
        return new SandboxTargets(environment);
    }
}
