package dev.jmlflow.access;

import java.util.Comparator;
import java.util.Locale;

/** One group on one target, e.g. {@code coralogix:observability-viewers}. */
public record TargetGroup(String target, String group) implements Comparable<TargetGroup> {

    private static final Comparator<TargetGroup> ORDER =
            Comparator.comparing(TargetGroup::target).thenComparing(g -> g.group().toLowerCase(Locale.ROOT));

    public TargetGroup {
        if (target == null || target.isBlank() || group == null || group.isBlank()) {
            throw new IllegalArgumentException("a target group needs a target and a group name");
        }
        target = target.strip();
        group = group.strip();
    }

    @Override
    public int compareTo(TargetGroup other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return target + ":" + group;
    }
}
