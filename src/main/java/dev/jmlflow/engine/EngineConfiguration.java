package dev.jmlflow.engine;

import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the engine plugins of this package with the Camunda Spring Boot starter. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    ProcessEnginePlugin jmlflowThrottleAwareRetries(RetryProperties properties) {
        return new ThrottleAwareRetries(properties);
    }

    @Bean
    ProcessEnginePlugin jmlflowRetryProfiles(RetryProperties properties) {
        return new RetryProfiles(properties);
    }
}
