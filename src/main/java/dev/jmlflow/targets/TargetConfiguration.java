package dev.jmlflow.targets;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code jmlflow.targets.*}, {@code jmlflow.breaker.*} and {@code jmlflow.cluster.*}; the client factory bean comes from the {@code scim} wiring. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TargetProperties.class, BreakerProperties.class, ClusterProperties.class})
public class TargetConfiguration {
}
