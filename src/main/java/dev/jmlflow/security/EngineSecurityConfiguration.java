package dev.jmlflow.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine side: per-request read grants, and groups, authorizations, filters and users at start-up. */
@Configuration(proxyBeanMethods = false)
class EngineSecurityConfiguration {

    @Bean
    static ProcessEnginePlugin jmlflowSecurityEnginePlugin() {
        return new SecurityEnginePlugin();
    }

    @Bean
    IdentitySetup identitySetup(ProcessEngine engine, SeededUsers seededUsers, AdminProperties admin) {
        return new IdentitySetup(engine, seededUsers, admin);
    }
}
