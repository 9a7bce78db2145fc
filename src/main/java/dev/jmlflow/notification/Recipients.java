package dev.jmlflow.notification;

import java.util.Set;

/**
 * Who a notification goes to, as Camunda identities: user ids and group ids. Addresses are looked up at send
 * time, so a changed email in Camunda Admin takes effect without touching running requests.
 */
public record Recipients(Set<String> userIds, Set<String> groupIds) {

    public Recipients {
        userIds = Set.copyOf(userIds);
        groupIds = Set.copyOf(groupIds);
    }

    public static Recipients users(String... userIds) {
        return new Recipients(Set.of(userIds), Set.of());
    }

    public static Recipients groups(String... groupIds) {
        return new Recipients(Set.of(), Set.of(groupIds));
    }

    public Recipients and(Recipients other) {
        return new Recipients(union(userIds, other.userIds), union(groupIds, other.groupIds));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
