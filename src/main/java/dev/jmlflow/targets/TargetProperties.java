package dev.jmlflow.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * All configured targets ({@code jmlflow.targets.<name>.*}). Binding fails at start-up with every problem
 * listed, each naming the key to fix, so a misconfigured target never gets as far as its first request.
 */
@Validated
@ConfigurationProperties("jmlflow")
public record TargetProperties(Map<String, TargetSettings> targets) {

    public TargetProperties {
        targets = targets == null ? Map.of() : Map.copyOf(new TreeMap<>(targets));
        List<String> problems = new ArrayList<>();
        new TreeMap<>(targets).forEach((name, settings) -> {
            if (!name.matches("[a-z][a-z0-9-]{0,62}")) {
                problems.add("target name '" + name + "' must be lower-case letters, digits and '-', starting with a letter");
            } else if (settings == null) {
                problems.add("jmlflow.targets." + name + " has no settings");
            } else {
                problems.addAll(settings.problems(name));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidTargetConfigurationException(problems);
        }
    }
}
