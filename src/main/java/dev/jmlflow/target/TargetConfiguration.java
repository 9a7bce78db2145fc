package dev.jmlflow.target;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code jmlflow.targets.*}; the client factory bean comes from the {@code scim} wiring. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TargetProperties.class)
public class TargetConfiguration {
}
