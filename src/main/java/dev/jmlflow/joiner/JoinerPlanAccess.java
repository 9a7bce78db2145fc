package dev.jmlflow.joiner;

import static dev.jmlflow.process.RequestVariables.*;

import dev.jmlflow.access.AccessPlan;
import dev.jmlflow.access.AccessPlanner;
import dev.jmlflow.access.SodViolation;
import dev.jmlflow.process.AccessPlanVariables;
import dev.jmlflow.process.ProvisioningFailure;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.exception.NotValidException;
import org.springframework.stereotype.Component;

/**
 * Works out the joiner's access plan. It runs in the start transaction, so a plan that separation of duties
 * blocks refuses the start and HR sees the reason at once.
 */
@Component("joinerPlanAccess")
public class JoinerPlanAccess implements JavaDelegate {

    private final AccessPlanner planner;

    public JoinerPlanAccess(AccessPlanner planner) {
        this.planner = planner;
    }

    @Override
    public void execute(DelegateExecution execution) {
        AccessPlan plan = planner.planJoiner(text(execution, DEPARTMENT), text(execution, JOB_TITLE),
                JoinerVariables.requestedGroups(execution));
        if (plan.isBlocked()) {
            throw new NotValidException("The request was not started. Separation of duties: " + plan.violations().stream()
                    .map(SodViolation::describe).collect(Collectors.joining("; ")));
        }
        AccessPlanVariables.write(execution, plan);
        ProvisioningFailure.reset(execution);
    }
}
