package dev.jmlflow.mover;

import static dev.jmlflow.mover.MoverVariables.*;

import dev.jmlflow.access.AccessPlan;
import dev.jmlflow.access.AccessPlanner;
import dev.jmlflow.access.LiveMemberships;
import dev.jmlflow.process.AccessPlanVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * On the effective date, re-reads the targets and re-plans. Changed removals are simply applied as re-planned;
 * changed additions go back to approval, because nobody approved them.
 */
@Component("moverCheckForDrift")
public class MoverCheckForDrift implements JavaDelegate {

    private final AccessPlanner planner;
    private final LiveMemberships live;

    public MoverCheckForDrift(AccessPlanner planner, LiveMemberships live) {
        this.planner = planner;
        this.live = live;
    }

    @Override
    public void execute(DelegateExecution execution) {
        AccessPlan approved = AccessPlanVariables.read(execution);
        AccessPlan current = MoverPlanChange.plan(planner, live, execution);
        if (current.isBlocked()) {
            // only a change of the rules themselves can do this after planning: ops must decide (incident)
            throw new IllegalStateException("The separation-of-duties rules now block this change: "
                    + current.violations().get(0).describe());
        }
        AccessPlanVariables.write(execution, current);
        execution.setVariable(HAS_ADDITIONS, current.hasAdditions());
        execution.setVariable(ADDITIONS_CHANGED, !approved.additions().equals(current.additions()));
    }
}
