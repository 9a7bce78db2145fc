package dev.jmlflow.approval;

import dev.jmlflow.policy.ApprovalPolicy;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@link ApprovalPolicy} for the assignee and candidate-group expressions of the user tasks (approvals, the leaver's
 * deletion approval, ops' conflict and waiver tasks), which can only call beans.
 */
@Component("approvers")
public class Approvers {

    public String assignee(String stage, String managerId) {
        return ApprovalPolicy.assignee(stage, managerId).orElse(null);
    }

    public List<String> candidateGroups(String stage) {
        return ApprovalPolicy.candidateGroups(stage);
    }

    public String deletionApprovers() {
        return ApprovalPolicy.DELETION_APPROVERS;
    }

    public String operators() {
        return ApprovalPolicy.OPERATORS;
    }
}
