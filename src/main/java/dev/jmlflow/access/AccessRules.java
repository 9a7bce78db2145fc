package dev.jmlflow.access;

import java.util.List;

/**
 * The business rules behind an access plan. They live in DMN tables the business edits (birthright access,
 * privileged groups, separation of duties); this interface keeps the planner free of the engine that evaluates them.
 */
public interface AccessRules {

    /** The groups everyone with this department and job title gets. */
    List<TargetGroup> birthright(String department, String jobTitle);

    /** Whether granting this group also needs the app owners' approval. */
    boolean isPrivileged(TargetGroup group);

    /** The conflict sets this group belongs to. */
    List<SodRule> separationOfDuties(TargetGroup group);
}
