package dev.jmlflow.observability;

import java.time.Clock;

import dev.jmlflow.targets.TargetRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import dev.jmlflow.engine.QuarantinedJobs;
import dev.jmlflow.notification.NotificationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Health per target, SCIM and request metrics, who may read them, and the alerts of a quarantined target. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    /** Static: a post-processor must exist before the beans it wraps. */
    @Bean
    static ScimClientMetrics scimClientMetrics(ObjectProvider<MeterRegistry> registry) {
        return new ScimClientMetrics(registry);
    }

    @Bean
    JmlRequestMetrics jmlRequestMetrics(MeterRegistry registry) {
        return new JmlRequestMetrics(registry);
    }

    /** Bean name minus "HealthContributor" is the component name: {@code targets}. */
    @Bean
    TargetsHealthContributor targetsHealthContributor(TargetRegistry targets, HealthProperties properties) {
        return new TargetsHealthContributor(targets, properties, Clock.systemUTC());
    }

    @Bean
    QuarantineAlerts quarantineAlerts(NotificationService notifications, TaskService tasks, ManagementService management) {
        return new QuarantineAlerts(notifications, tasks, new QuarantinedJobs(management));
    }

    @Bean
    FilterRegistrationBean<ActuatorAccessFilter> actuatorAccessFilter(IdentityService identityService) {
        var registration = new FilterRegistrationBean<>(new ActuatorAccessFilter(identityService));
        registration.addUrlPatterns("/actuator", "/actuator/*");
        registration.setName("actuatorAccessFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
