package dev.jmlflow.policy;

import java.time.Instant;

/**
 * One decision of one approval stage of a request, as {@link ApprovalRecord} keeps it.
 *
 * @param stage     the approval stage ({@code manager}, {@code app-owners}) or the task's definition key
 * @param taskName  the task's name, as people saw it
 * @param decider   who decided: the authenticated user, else the assignee
 * @param approved  approve or reject
 * @param comment   the decider's comment, may be null
 * @param decidedAt when the task was completed
 */
public record ApprovalDecision(String stage, String taskName, String decider, boolean approved, String comment,
        Instant decidedAt) {

    /** The decision as one line, as people read it: {@code <time> <task>: approved by <user> (<comment>)}. */
    public String describe() {
        return decidedAt + " " + taskName + ": " + (approved ? "approved" : "rejected") + " by " + decider
                + (comment == null ? "" : " (" + comment + ")");
    }
}
