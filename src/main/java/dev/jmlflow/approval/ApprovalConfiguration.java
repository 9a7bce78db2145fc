package dev.jmlflow.approval;

import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The request guards are part of the engine, for every API (REST, Tasklist, Java). */
@Configuration(proxyBeanMethods = false)
class ApprovalConfiguration {

    @Bean
    static ProcessEnginePlugin jmlflowRequestGuardsPlugin() {
        return new RequestGuardsPlugin();
    }
}
