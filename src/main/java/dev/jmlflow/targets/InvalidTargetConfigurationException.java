package dev.jmlflow.targets;

import java.util.List;

/** Start-up failure listing every target setting that needs fixing; never contains a token. */
public class InvalidTargetConfigurationException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidTargetConfigurationException(List<String> problems) {
        super("invalid SCIM target configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
