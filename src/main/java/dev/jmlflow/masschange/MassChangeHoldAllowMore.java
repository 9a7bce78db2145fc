package dev.jmlflow.masschange;

import dev.jmlflow.engine.QuarantinedJobs;
import dev.jmlflow.provisioning.MassChangeDecisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_AllowMoreChanges: N more changes go through, and the held jobs try at once rather than at their recheck. */
@Component
class MassChangeHoldAllowMore implements JavaDelegate {

    private final MassChangeDecisions decisions;

    MassChangeHoldAllowMore(MassChangeDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = MassChangeHoldVariables.target(execution);
        decisions.allow(target, MassChangeHoldVariables.more(execution));
        new QuarantinedJobs(execution.getProcessEngineServices().getManagementService()).wakeHeldChanges(target);
    }
}
