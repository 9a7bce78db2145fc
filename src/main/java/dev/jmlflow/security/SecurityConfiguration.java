package dev.jmlflow.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The admin account's settings and the start-up banner: decisions made from configuration alone. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    StartupBanner startupBanner(SeededUsers seededUsers, AdminProperties admin) {
        return new StartupBanner(seededUsers, admin);
    }
}
