package dev.jmlflow.access;

import java.util.List;

/**
 * What happens on one target: the account (a new one, or the existing one kept and updated) and the groups to add
 * and remove. {@code privilegedGroups} is the subset of {@code groupsToAdd} that needs the app owners' approval.
 */
public record TargetPlan(String target, boolean existingAccount, List<String> groupsToAdd, List<String> groupsToRemove,
                         List<String> privilegedGroups) {

    public TargetPlan {
        groupsToAdd = List.copyOf(groupsToAdd);
        groupsToRemove = List.copyOf(groupsToRemove);
        privilegedGroups = List.copyOf(privilegedGroups);
    }

    /** Whether this target needs anything approved: a new account or a new group. */
    public boolean hasAdditions() {
        return !existingAccount || !groupsToAdd.isEmpty();
    }

    public boolean hasChanges() {
        return hasAdditions() || !groupsToRemove.isEmpty();
    }
}
