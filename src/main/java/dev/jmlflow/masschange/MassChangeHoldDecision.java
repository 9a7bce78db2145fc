package dev.jmlflow.masschange;

import dev.jmlflow.engine.QuarantinedJobs;
import dev.jmlflow.provisioning.MassChangeDecisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Task_AllowMoreChanges and Task_StopHeldChanges: the app owner's answer, after which the held jobs run at once
 * rather than at their recheck (after "allow" N of them go through, after "stop" they become incidents).
 */
@Component
public class MassChangeHoldDecision {

    private final MassChangeDecisions decisions;

    MassChangeHoldDecision(MassChangeDecisions decisions) {
        this.decisions = decisions;
    }

    public void allowMore(DelegateExecution execution) {
        String target = MassChangeHoldVariables.target(execution);
        decisions.allow(target, MassChangeHoldVariables.more(execution));
        wakeHeldJobs(execution, target);
    }

    public void stop(DelegateExecution execution) {
        String target = MassChangeHoldVariables.target(execution);
        decisions.stop(target);
        wakeHeldJobs(execution, target);
    }

    private static void wakeHeldJobs(DelegateExecution execution, String target) {
        new QuarantinedJobs(execution.getProcessEngineServices().getManagementService()).wakeHeldChanges(target);
    }
}
