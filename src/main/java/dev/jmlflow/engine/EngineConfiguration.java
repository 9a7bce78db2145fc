package dev.jmlflow.engine;

import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.beans.factory.ObjectProvider;
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

    @Bean
    ProcessEnginePlugin jmlflowFollowUpJobs() {
        return new FollowUpJobs();
    }

    @Bean
    ProcessEnginePlugin jmlflowJobAcquisitionOrder() {
        return new JobAcquisitionOrder();
    }

    @Bean
    ProcessEnginePlugin jmlflowLeanFullHistory() {
        return new LeanFullHistory();
    }

    @Bean
    ProcessEnginePlugin jmlflowLiteralFeel() {
        return new LiteralFeel();
    }

    /** The sources are looked up per form served: they use the engine that this plugin helps to build. */
    @Bean
    ProcessEnginePlugin jmlflowStartFormChoices(ObjectProvider<FormChoices> sources, FormChoicesProperties properties) {
        return new StartFormChoices(sources, properties.choiceLimit());
    }
}
