package dev.jmlflow.approval;

import dev.jmlflow.policy.ApprovalDecision;
import java.util.Collection;
import java.util.Optional;

/**
 * The four-eyes rule, free of the engine: nobody acts on a request that they asked for or that is about them, and
 * nobody who decided one approval stage of a request takes or decides another. A user is the subject when their id
 * is the employee id or their email is the subject's. Deciding the same stage again (a re-approval) is allowed.
 *
 * @param requester    the authenticated user who started the request (null when trusted code started it)
 * @param subjectId    the employee id the request is about
 * @param subjectEmail the subject's email, when known
 */
public record FourEyes(String requester, String subjectId, String subjectEmail) {

    /** Why {@code userId} (whose email is {@code userEmail}, may be null) may not act, or empty when they may. */
    public Optional<String> conflict(String userId, String userEmail) {
        if (same(userId, requester)) {
            return Optional.of(userId + " requested this change");
        }
        if (same(userId, subjectId) || same(userEmail, subjectEmail)) {
            return Optional.of(userId + " is the person this request is about");
        }
        return Optional.empty();
    }

    /** As {@link #conflict(String, String)}, for approval stage {@code stage} after the request's earlier decisions. */
    public Optional<String> conflictAtStage(String userId, String userEmail, String stage,
            Collection<ApprovalDecision> decisions) {
        return conflict(userId, userEmail).or(() -> decisions.stream()
                .filter(decision -> !decision.stage().equals(stage) && same(decision.decider(), userId))
                .findFirst()
                .map(decision -> userId + " already decided another approval stage of this request"));
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && a.strip().equalsIgnoreCase(b.strip());
    }
}
