package dev.jmlflow.access;

import java.util.List;
import java.util.stream.Collectors;

/** A plan that would give one person two groups of the same conflict set. */
public record SodViolation(String conflictSet, String reason, List<TargetGroup> groups) {

    public SodViolation {
        groups = List.copyOf(groups);
    }

    public String describe() {
        return conflictSet + ": " + reason + " (" + groups.stream().map(TargetGroup::toString)
                .collect(Collectors.joining(" and ")) + ")";
    }
}
