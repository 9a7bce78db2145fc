package dev.jmlflow.rest;

import jakarta.ws.rs.ApplicationPath;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link RefusalMappers} into both JAX-RS applications of Camunda's REST API, and tells the engine that a
 * refusal is no error of its own, so it logs it at DEBUG (as it does a {@code BadUserRequestException}) instead of
 * an ERROR with a stack trace.
 */
@Configuration(proxyBeanMethods = false)
class RefusalConfiguration {

    /** {@code /engine-rest}, as the Spring Boot starter documents adding resources to it. */
    @ApplicationPath("/engine-rest")
    static class EngineRestConfig extends CamundaJerseyResourceConfig {
        @Override
        protected void registerAdditionalResources() {
            RefusalMappers.ALL.forEach(this::register);
        }
    }

    @Bean
    EngineRestConfig engineRestConfig() {
        return new EngineRestConfig();
    }

    /**
     * The webapps' APIs (the engine API that Tasklist calls, and Cockpit's, Admin's, ...) are JAX-RS applications
     * the webapp starter registers itself. Jersey takes the servlet context's attributes as configuration
     * properties of each, so they add the providers named here; in those other than the engine API the mappers
     * answer as Camunda's own, as no refusal reaches them.
     */
    @Bean
    ServletContextInitializer refusalsInTheWebappApis() {
        String providers = RefusalMappers.ALL.stream().map(Class::getName).collect(Collectors.joining(","));
        return servletContext -> servletContext.setAttribute(ServerProperties.PROVIDER_CLASSNAMES, providers);
    }

    @Bean
    static ProcessEnginePlugin refusalLogging() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                CommandContextFactory factory = new CommandContextFactory() {
                    @Override
                    public CommandContext createCommandContext() {
                        return new CommandContext(processEngineConfiguration) {
                            @Override
                            protected boolean shouldLogFine(Throwable exception) {
                                return super.shouldLogFine(exception) || Refusal.in(exception).isPresent();
                            }
                        };
                    }
                };
                factory.setProcessEngineConfiguration(configuration);
                configuration.setCommandContextFactory(factory);
            }
        };
    }
}
