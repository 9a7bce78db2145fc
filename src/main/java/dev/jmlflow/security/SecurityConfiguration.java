package dev.jmlflow.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The admin account's settings and the start-up banner: decisions made from configuration alone. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
public class SecurityConfiguration {

    @Bean
    StartupBanner startupBanner(SeededUsers seededUsers, AdminProperties admin) {
        return new StartupBanner(seededUsers, admin);
    }
}
