package dev.jmlflow.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The access a request will grant and take away, per target, with the separation-of-duties violations that block
 * it and, for movers, the HR attribute changes. Immutable; stored in the process as JSON and shown to approvers
 * through {@link #describe()}.
 */
public record AccessPlan(List<TargetPlan> targets, List<SodViolation> violations, List<AttributeChange> attributeChanges) {

    public AccessPlan {
        targets = List.copyOf(targets);
        violations = List.copyOf(violations);
        attributeChanges = List.copyOf(attributeChanges);
    }

    public List<String> targetNames() {
        return targets.stream().map(TargetPlan::target).toList();
    }

    public Optional<TargetPlan> target(String name) {
        return targets.stream().filter(t -> t.target().equals(name)).findFirst();
    }

    public boolean isBlocked() {
        return !violations.isEmpty();
    }

    public boolean isPrivileged() {
        return targets.stream().anyMatch(t -> !t.privilegedGroups().isEmpty());
    }

    /** Whether anything is granted (a new account or group): only additions need approval. */
    public boolean hasAdditions() {
        return targets.stream().anyMatch(TargetPlan::hasAdditions);
    }

    public boolean hasChanges() {
        return !attributeChanges.isEmpty() || targets.stream().anyMatch(TargetPlan::hasChanges);
    }

    /** The additions alone, to tell whether a re-planned change still matches what was approved. */
    public List<TargetGroup> additions() {
        List<TargetGroup> additions = new ArrayList<>();
        for (TargetPlan t : targets) {
            if (!t.existingAccount()) {
                additions.add(new TargetGroup(t.target(), "(account)"));
            }
            t.groupsToAdd().forEach(g -> additions.add(new TargetGroup(t.target(), g)));
        }
        return additions.stream().sorted().toList();
    }

    /** The plan as Markdown, one section per target, as approvers and HR read it. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (!attributeChanges.isEmpty()) {
            text.append("**Changes to the person**\n\n");
            attributeChanges.forEach(c -> text.append("- ").append(c.attribute()).append(": ")
                    .append(orNone(c.from())).append(" → ").append(orNone(c.to())).append('\n'));
            text.append('\n');
        }
        if (targets.isEmpty()) {
            text.append("No accounts or groups change.\n");
        }
        for (TargetPlan t : targets) {
            text.append("**").append(t.target()).append("**: ")
                    .append(t.existingAccount() ? "keep the existing account" : "account to be created or reactivated")
                    .append("\n\n");
            t.groupsToAdd().forEach(g -> text.append("- add ").append(g)
                    .append(t.privilegedGroups().contains(g) ? " (privileged: needs app owner approval)" : "").append('\n'));
            t.groupsToRemove().forEach(g -> text.append("- remove ").append(g).append('\n'));
            if (t.groupsToAdd().isEmpty() && t.groupsToRemove().isEmpty()) {
                text.append("- no group changes\n");
            }
            text.append('\n');
        }
        violations.forEach(v -> text.append("**Blocked by separation of duties**: ").append(v.describe()).append("\n\n"));
        return text.toString().strip();
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? "(none)" : value;
    }
}
