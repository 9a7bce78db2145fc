package dev.jmlflow.masschange;

import dev.jmlflow.engine.QuarantinedJobs;
import dev.jmlflow.provisioning.MassChangeDecisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_StopHeldChanges: the held changes are refused, and their jobs become incidents now rather than at their recheck. */
@Component
class MassChangeHoldStop implements JavaDelegate {

    private final MassChangeDecisions decisions;

    MassChangeHoldStop(MassChangeDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = MassChangeHoldVariables.target(execution);
        decisions.stop(target);
        new QuarantinedJobs(execution.getProcessEngineServices().getManagementService()).wakeHeldChanges(target);
    }
}
