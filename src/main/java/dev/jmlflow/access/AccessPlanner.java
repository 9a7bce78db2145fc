package dev.jmlflow.access;

import dev.jmlflow.targets.Assign;
import dev.jmlflow.targets.TargetProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Works out access plans from the rules ({@link AccessRules}), the groups HR requested, the targets' {@code assign}
 * setting and, for movers, the memberships read live from the targets. Pure: it reads nothing itself.
 */
@Component
public class AccessPlanner {

    private static final Logger log = LoggerFactory.getLogger(AccessPlanner.class);

    private final AccessRules rules;
    private final SortedMap<String, Assign> assignByTarget;

    public AccessPlanner(AccessRules rules, TargetProperties targets) {
        this.rules = rules;
        SortedMap<String, Assign> assign = new TreeMap<>();
        targets.targets().forEach((name, settings) -> assign.put(name, settings.assign()));
        this.assignByTarget = Collections.unmodifiableSortedMap(assign); // plans list targets in name order
    }

    public Set<String> targetNames() {
        return new TreeSet<>(assignByTarget.keySet());
    }

    /** A joiner's plan: a new (or reactivated) account on every target it concerns, with all its groups. */
    public AccessPlan planJoiner(String department, String jobTitle, Collection<TargetGroup> requested) {
        Map<String, Set<String>> wanted = wanted(department, jobTitle, requested);
        List<TargetPlan> targets = new ArrayList<>();
        assignByTarget.forEach((target, assign) -> {
            Set<String> groups = wanted.getOrDefault(target, Set.of());
            if (assign == Assign.ALL || !groups.isEmpty()) {
                targets.add(new TargetPlan(target, false, List.copyOf(groups), List.of(), privileged(target, groups)));
            }
        });
        return new AccessPlan(targets, violations(wanted), List.of());
    }

    /**
     * A mover's plan against what the targets hold now: {@code liveGroups} has one entry per target where the
     * employee has an active account. Groups the new role does not give are removed; targets the new role needs
     * but the employee has no account on get one.
     */
    public AccessPlan planMover(String department, String jobTitle, Map<String, Set<String>> liveGroups,
                                List<AttributeChange> attributeChanges) {
        Map<String, Set<String>> wanted = wanted(department, jobTitle, List.of());
        List<TargetPlan> targets = new ArrayList<>();
        assignByTarget.forEach((target, assign) -> {
            Set<String> groups = wanted.getOrDefault(target, Set.of());
            Set<String> live = liveGroups.get(target);
            if (live != null) {
                List<String> add = groups.stream().filter(g -> !containsIgnoreCase(live, g)).toList();
                List<String> remove = live.stream().filter(g -> !containsIgnoreCase(groups, g)).sorted().toList();
                targets.add(new TargetPlan(target, true, add, remove, privileged(target, add)));
            } else if (!groups.isEmpty()) {
                targets.add(new TargetPlan(target, false, List.copyOf(groups), List.of(), privileged(target, groups)));
            }
        });
        return new AccessPlan(targets, violations(wanted), attributeChanges);
    }

    private Map<String, Set<String>> wanted(String department, String jobTitle, Collection<TargetGroup> requested) {
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        List<TargetGroup> all = new ArrayList<>(rules.birthright(department, jobTitle));
        all.addAll(requested);
        for (TargetGroup group : all) {
            if (!assignByTarget.containsKey(group.target())) {
                log.warn("Access rule names target '{}' which is not configured; group '{}' is skipped",
                        group.target(), group.group());
                continue;
            }
            Set<String> groups = wanted.computeIfAbsent(group.target(), t -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER));
            groups.add(group.group());
        }
        return wanted;
    }

    private List<String> privileged(String target, Collection<String> groups) {
        return groups.stream().filter(g -> rules.isPrivileged(new TargetGroup(target, g))).toList();
    }

    private List<SodViolation> violations(Map<String, Set<String>> wanted) {
        Map<String, SodRule> rulesBySet = new TreeMap<>();
        Map<String, Set<TargetGroup>> membersBySet = new TreeMap<>();
        wanted.forEach((target, groups) -> groups.forEach(group -> {
            TargetGroup tg = new TargetGroup(target, group);
            for (SodRule rule : rules.separationOfDuties(tg)) {
                rulesBySet.putIfAbsent(rule.conflictSet(), rule);
                membersBySet.computeIfAbsent(rule.conflictSet(), s -> new TreeSet<>()).add(tg);
            }
        }));
        List<SodViolation> violations = new ArrayList<>();
        membersBySet.forEach((set, members) -> {
            if (members.size() > 1) {
                violations.add(new SodViolation(set, rulesBySet.get(set).reason(), List.copyOf(members)));
            }
        });
        return violations;
    }

    private static boolean containsIgnoreCase(Collection<String> groups, String group) {
        return groups.stream().anyMatch(g -> g.equalsIgnoreCase(group));
    }
}
