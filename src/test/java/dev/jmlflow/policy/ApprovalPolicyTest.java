package dev.jmlflow.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jmlflow.access.AccessPlan;
import dev.jmlflow.access.TargetPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalPolicyTest {

    @Test
    void aPlanWithoutPrivilegedGroupsNeedsTheManagerOnly() {
        assertThat(ApprovalPolicy.stages(plan(List.of()))).containsExactly(ApprovalPolicy.MANAGER_STAGE);
    }

    @Test
    void aPlanAddingAPrivilegedGroupNeedsTheManagerThenTheAppOwners() {
        assertThat(ApprovalPolicy.stages(plan(List.of("admins"))))
                .containsExactly(ApprovalPolicy.MANAGER_STAGE, ApprovalPolicy.APP_OWNER_STAGE);
    }

    @Test
    void theManagerStageGoesToTheNamedManagerAndNoGroup() {
        assertThat(ApprovalPolicy.assignee(ApprovalPolicy.MANAGER_STAGE, "manager1")).contains("manager1");
        assertThat(ApprovalPolicy.candidateGroups(ApprovalPolicy.MANAGER_STAGE)).isEmpty();
    }

    @Test
    void theAppOwnerStageGoesToTheAppOwnersGroupAndNoUser() {
        assertThat(ApprovalPolicy.assignee(ApprovalPolicy.APP_OWNER_STAGE, "manager1")).isEmpty();
        assertThat(ApprovalPolicy.candidateGroups(ApprovalPolicy.APP_OWNER_STAGE)).containsExactly(JmlflowGroups.APP_OWNERS);
    }

    @Test
    void anUnknownStageIsAnError() {
        assertThatThrownBy(() -> ApprovalPolicy.candidateGroups("APP_OWNER"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("APP_OWNER");
    }

    @Test
    void everyApproverGroupWorksTasks() {
        assertThat(ApprovalPolicy.TASK_WORKERS).containsAll(ApprovalPolicy.APPROVER_GROUPS)
                .contains(ApprovalPolicy.REQUESTERS, ApprovalPolicy.OPERATORS, ApprovalPolicy.DELETION_APPROVERS);
    }

    private static AccessPlan plan(List<String> privileged) {
        return new AccessPlan(List.of(new TargetPlan("github", false, List.of("developers"), List.of(), privileged)),
                List.of(), List.of());
    }
}
