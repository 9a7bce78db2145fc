package dev.jmlflow.process;

import dev.jmlflow.access.AccessPlan;
import dev.jmlflow.access.AccessPlanJson;
import dev.jmlflow.access.TargetPlan;
import dev.jmlflow.policy.ApprovalPolicy;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The access plan as the processes keep it: JSON in {@value #PLAN}, Markdown for approvers in {@value #PLAN_TEXT};
 * and the views BPMN expressions need ({@code ${accessPlans.targetNames(accessPlan)}}).
 */
@Component("accessPlans")
public class AccessPlanVariables {

    public static final String PLAN = "accessPlan";
    public static final String PLAN_TEXT = "accessPlanText";

    public static void write(DelegateExecution execution, AccessPlan plan) {
        execution.setVariable(PLAN, AccessPlanJson.write(plan));
        execution.setVariable(PLAN_TEXT, plan.describe());
    }

    public static AccessPlan read(DelegateExecution execution) {
        return AccessPlanJson.read((String) execution.getVariable(PLAN));
    }

    public List<String> targetNames(String plan) {
        return AccessPlanJson.read(plan).targetNames();
    }

    public List<String> groupsToAdd(String plan, String target) {
        return targetPlan(plan, target).groupsToAdd();
    }

    public List<String> groupsToRemove(String plan, String target) {
        return targetPlan(plan, target).groupsToRemove();
    }

    public List<String> approvalStages(String plan) {
        return ApprovalPolicy.stages(AccessPlanJson.read(plan));
    }

    private static TargetPlan targetPlan(String plan, String target) {
        return AccessPlanJson.read(plan).target(target)
                .orElseThrow(() -> new IllegalArgumentException("the access plan has no target " + target));
    }
}
