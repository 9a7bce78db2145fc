package dev.jmlflow.observability;

import dev.jmlflow.targets.ScimClientFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Puts {@link MeteredScimApi} around every client the {@link ScimClientFactory} bean builds, so each target's
 * calls are measured without the {@code target} package knowing about Micrometer. It sits inside the rate
 * limiter: the timers measure the SCIM server, not the pacing.
 */
final class ScimClientMetrics implements BeanPostProcessor {

    private final ObjectProvider<MeterRegistry> registry;

    ScimClientMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ScimClientFactory factory) {
            return (ScimClientFactory) (name, settings) -> MeteredScimApi.wrap(factory.create(name, settings), name, registry.getObject());
        }
        return bean;
    }
}
