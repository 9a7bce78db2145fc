package dev.jmlflow.sandbox;

import java.util.List;
import java.util.stream.StreamSupport;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Sandbox mode is on exactly when the operator configured no target under {@code jmlflow.targets.*} (in any
 * property source, including {@code JMLFLOW_TARGETS_<NAME>_...} environment variables). In sandbox mode the app
 * serves its own SCIM targets and creates demo users; outside it there are no default users at all.
 *
 * <p>Inject this bean instead of looking at the properties again: the sandbox wiring may add its own
 * {@code jmlflow.targets.*} entries, in a property source named {@link #SANDBOX_PROPERTY_SOURCE}, which
 * {@link #detect} ignores.
 */
public record SandboxMode(boolean active) {

    /** Name of the property source in which the sandbox may publish its own targets. */
    public static final String SANDBOX_PROPERTY_SOURCE = "jmlflowSandboxTargets";

    private static final ConfigurationPropertyName TARGETS = ConfigurationPropertyName.of("jmlflow.targets");

    public static SandboxMode detect(ConfigurableEnvironment environment) {
        return new SandboxMode(configuredTargets(environment).isEmpty());
    }

    /** The configured property names under {@code jmlflow.targets} with a non-blank value, for messages. */
    public static List<String> configuredTargets(ConfigurableEnvironment environment) {
        return StreamSupport.stream(ConfigurationPropertySources.get(environment).spliterator(), false)
                .filter(source -> !isSandboxSource(source))
                .filter(IterableConfigurationPropertySource.class::isInstance)
                .map(IterableConfigurationPropertySource.class::cast)
                .flatMap(source -> source.stream()
                        .filter(TARGETS::isAncestorOf)
                        .filter(name -> hasValue(source, name)))
                .map(ConfigurationPropertyName::toString)
                .distinct()
                .sorted()
                .toList();
    }

    private static boolean isSandboxSource(ConfigurationPropertySource source) {
        return source.getUnderlyingSource() instanceof PropertySource<?> ps && SANDBOX_PROPERTY_SOURCE.equals(ps.getName());
    }

    private static boolean hasValue(ConfigurationPropertySource source, ConfigurationPropertyName name) {
        var property = source.getConfigurationProperty(name);
        return property != null && property.getValue() != null && !property.getValue().toString().isBlank();
    }
}
