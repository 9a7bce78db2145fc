package dev.jmlflow.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jmlflow.bench.BenchTarget;
import dev.jmlflow.bench.JmlflowDriver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the SCIM servers hold after a scenario, read from each server directly: every account, every group's
 * members. Its checks throw {@link AssertionError} naming what is wrong, so a duplicate fails the run.
 */
final class ServerCensus {

    private record Account(String id, String userName, String externalId, boolean active) {
    }

    private final Map<String, List<Account>> accounts = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> members = new HashMap<>();

    ServerCensus(List<BenchTarget> targets) {
        for (BenchTarget target : targets) {
            List<Account> all = new ArrayList<>();
            for (int start = 1; ; start += 100) {
                JsonNode page = target.direct().get("/Users?startIndex=" + start + "&count=100").json();
                page.path("Resources").forEach(u -> all.add(new Account(u.path("id").asText(), u.path("userName").asText(),
                        u.path("externalId").asText(null), u.path("active").asBoolean(true))));
                if (page.path("Resources").size() == 0 || all.size() >= page.path("totalResults").asInt()) {
                    break;
                }
            }
            accounts.put(target.name(), all);
            Map<String, Set<String>> groups = new HashMap<>();
            for (String groupId : target.groupIds()) {
                Set<String> ids = new HashSet<>();
                target.direct().get("/Groups/" + groupId).json().path("members").forEach(m -> ids.add(m.path("value").asText()));
                groups.put(groupId, ids);
            }
            members.put(target.name(), groups);
        }
    }

    long accounts() {
        return accounts.values().stream().mapToLong(List::size).sum();
    }

    /** Accounts beyond the first per userName, and per externalId, on each server. */
    long duplicates() {
        long extra = 0;
        for (List<Account> all : accounts.values()) {
            extra += surplus(all.stream().map(Account::userName).toList());
            extra += surplus(all.stream().map(Account::externalId).filter(java.util.Objects::nonNull).toList());
        }
        return extra;
    }

    private static long surplus(List<String> keys) {
        return keys.size() - new HashSet<>(keys).size();
    }

    /** Exactly one account per employee on every server, and none else. */
    void assertOneAccountEach(Collection<String> employeeIds) {
        Set<String> expected = new TreeSet<>(employeeIds.stream().map(JmlflowDriver::userName).toList());
        accounts.forEach((target, all) -> {
            List<String> names = all.stream().map(Account::userName).sorted().toList();
            if (!names.equals(new ArrayList<>(expected))) {
                throw new AssertionError(target + ": expected one account each for " + expected.size()
                        + " employees, found " + names.size() + " accounts, " + duplicates() + " duplicates: " + diff(expected, names));
            }
        });
    }

    /** Every group of every target holds exactly the accounts of these employees (their approved memberships). */
    void assertMembers(Collection<String> employeeIds) {
        accounts.forEach((target, all) -> {
            Set<String> expected = new TreeSet<>();
            all.stream().filter(a -> employeeIds.stream().map(JmlflowDriver::userName).anyMatch(a.userName()::equals))
                    .forEach(a -> expected.add(a.id()));
            members.get(target).forEach((group, ids) -> {
                if (!new TreeSet<>(ids).equals(expected)) {
                    throw new AssertionError(target + " group " + group + ": expected members " + expected + ", found " + ids);
                }
            });
        });
    }

    /** The leavers' accounts read inactive, everyone else's active. */
    void assertActive(Collection<String> active, Collection<String> inactive) {
        accounts.forEach((target, all) -> all.forEach(account -> {
            boolean leaver = inactive.stream().map(JmlflowDriver::userName).anyMatch(account.userName()::equals);
            boolean joiner = active.stream().map(JmlflowDriver::userName).anyMatch(account.userName()::equals);
            if (leaver == account.active() || (!leaver && !joiner)) {
                throw new AssertionError(target + ": " + account.userName() + " reads active=" + account.active()
                        + (leaver ? " but left" : joiner ? " but joined" : " and belongs to no request"));
            }
        }));
    }

    private static String diff(Set<String> expected, List<String> found) {
        Set<String> missing = new TreeSet<>(expected);
        found.forEach(missing::remove);
        List<String> extra = new ArrayList<>(found);
        expected.forEach(extra::remove);
        return "missing " + missing + ", extra " + extra;
    }
}
