package dev.jmlflow.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jmlflow.policy.ApprovalPolicy;
import dev.jmlflow.targets.Assign;
import dev.jmlflow.targets.Dialect;
import dev.jmlflow.targets.TargetProperties;
import dev.jmlflow.targets.TargetSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The planner with rules given in the test (the DMN tables are exercised by the process tests). */
class AccessPlannerTest {

    private static final TargetGroup VIEWERS = new TargetGroup("coralogix", "observability-viewers");
    private static final TargetGroup ADMINS = new TargetGroup("coralogix", "observability-admins");
    private static final TargetGroup DATA_ADMINS = new TargetGroup("coginiti", "data-admins");

    /** Engineers get viewers; admins and data admins are privileged and in one conflict set. */
    private final AccessRules rules = new AccessRules() {
        @Override
        public List<TargetGroup> birthright(String department, String jobTitle) {
            return department.equals("Engineering") ? List.of(VIEWERS) : List.of();
        }

        @Override
        public boolean isPrivileged(TargetGroup group) {
            return group.equals(ADMINS) || group.equals(DATA_ADMINS);
        }

        @Override
        public List<SodRule> separationOfDuties(TargetGroup group) {
            return isPrivileged(group) ? List.of(new SodRule("SOD-1", "audit logs vs warehouse")) : List.of();
        }
    };

    private final AccessPlanner planner = new AccessPlanner(rules, new TargetProperties(Map.of(
            "coralogix", settings(Assign.ALL), "cortex", settings(Assign.ALL), "coginiti", settings(Assign.BY_RULE))));

    @Test
    void aJoinerGetsAnAccountOnEveryAssignAllTargetButOnByRuleTargetsOnlyWhenNamed() {
        AccessPlan plan = planner.planJoiner("Engineering", "Developer", List.of());

        assertThat(plan.targetNames()).containsExactly("coralogix", "cortex");
        assertThat(plan.target("coralogix").orElseThrow().groupsToAdd()).containsExactly("observability-viewers");
        assertThat(plan.target("cortex").orElseThrow().groupsToAdd()).isEmpty();
        assertThat(ApprovalPolicy.stages(plan)).containsExactly("manager");
    }

    @Test
    void aRequestedPrivilegedGroupAddsTheAppOwnerStage() {
        AccessPlan plan = planner.planJoiner("Engineering", "Developer", RequestedGroups.parse("coralogix:observability-admins"));

        assertThat(plan.target("coralogix").orElseThrow().privilegedGroups()).containsExactly("observability-admins");
        assertThat(ApprovalPolicy.stages(plan)).containsExactly("manager", "app-owners");
        assertThat(plan.describe()).contains("add observability-admins (privileged: needs app owner approval)");
    }

    @Test
    void twoGroupsOfOneConflictSetBlockThePlanWithTheReason() {
        AccessPlan plan = planner.planJoiner("Sales", "Rep", RequestedGroups.parse("coralogix:observability-admins, coginiti:data-admins"));

        assertThat(plan.isBlocked()).isTrue();
        assertThat(plan.violations()).singleElement().extracting(SodViolation::describe)
                .isEqualTo("SOD-1: audit logs vs warehouse (coginiti:data-admins and coralogix:observability-admins)");
        assertThat(plan.targetNames()).contains("coginiti");
    }

    @Test
    void aMoverAddsWhatTheNewRoleGivesAndRemovesWhatItDoesNotComparingGroupNamesCaseInsensitively() {
        AccessPlan plan = planner.planMover("Engineering", "Developer",
                Map.of("coralogix", Set.of("Observability-Viewers", "legacy"), "cortex", Set.of()), List.of());

        TargetPlan coralogix = plan.target("coralogix").orElseThrow();
        assertThat(coralogix.groupsToAdd()).isEmpty();
        assertThat(coralogix.groupsToRemove()).containsExactly("legacy");
        assertThat(plan.hasAdditions()).isFalse();
        assertThat(plan.hasChanges()).isTrue();
    }

    @Test
    void aMoverWithNothingToChangeHasAnEmptyPlan() {
        AccessPlan plan = planner.planMover("Engineering", "Developer",
                Map.of("coralogix", Set.of("observability-viewers"), "cortex", Set.of()), List.of());

        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.additions()).isEmpty();
    }

    @Test
    void thePlanSurvivesItsJsonFormUnchanged() {
        AccessPlan plan = planner.planMover("Engineering", "Developer", Map.of("cortex", Set.of("old")),
                List.of(new AttributeChange("department", "Sales", "Engineering")));

        assertThat(AccessPlanJson.read(AccessPlanJson.write(plan))).isEqualTo(plan);
    }

    @Test
    void requestedGroupsRefuseAnythingButTargetColonGroup() {
        assertThat(RequestedGroups.parse(" coralogix:observability-admins ;\ncortex:engineering "))
                .containsExactly(ADMINS, new TargetGroup("cortex", "engineering"));
        assertThatThrownBy(() -> RequestedGroups.parse("cortex:eng\"ineering")).hasMessageContaining("is not of the form target:group");
        assertThatThrownBy(() -> RequestedGroups.parse("engineering")).isInstanceOf(IllegalArgumentException.class);
    }

    private static TargetSettings settings(Assign assign) {
        return new TargetSettings(Dialect.GENERIC, URI.create("https://scim.example.com"), null, "t", null, null, null, assign, null);
    }
}
