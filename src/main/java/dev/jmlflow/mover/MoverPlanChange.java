package dev.jmlflow.mover;

import static dev.jmlflow.mover.MoverVariables.*;
import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.access.AccessPlan;
import dev.jmlflow.access.AccessPlanner;
import dev.jmlflow.access.LiveMemberships;
import dev.jmlflow.process.AccessPlanVariables;
import dev.jmlflow.process.ProvisioningFailure;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Works out the mover's changes against the memberships the targets hold right now. */
@Component("moverPlanChange")
public class MoverPlanChange implements JavaDelegate {

    private final AccessPlanner planner;
    private final LiveMemberships live;

    public MoverPlanChange(AccessPlanner planner, LiveMemberships live) {
        this.planner = planner;
        this.live = live;
    }

    @Override
    public void execute(DelegateExecution execution) {
        AccessPlan plan = plan(planner, live, execution);
        AccessPlanVariables.write(execution, plan);
        execution.setVariable(PLAN_BLOCKED, plan.isBlocked());
        execution.setVariable(HAS_CHANGES, plan.hasChanges());
        execution.setVariable(HAS_ADDITIONS, plan.hasAdditions());
        ProvisioningFailure.reset(execution);
    }

    static AccessPlan plan(AccessPlanner planner, LiveMemberships live, DelegateExecution execution) {
        return planner.planMover(text(execution, DEPARTMENT), text(execution, JOB_TITLE),
                live.of(text(execution, EMPLOYEE_ID)), MoverVariables.attributeChanges(execution));
    }
}
