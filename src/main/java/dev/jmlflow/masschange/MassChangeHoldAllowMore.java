package dev.jmlflow.masschange;

import dev.jmlflow.engine.QuarantinedJobs;
import dev.jmlflow.provisioning.MassChangeStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_AllowMoreChanges: N more changes go through, and the held jobs try at once rather than at their recheck. */
@Component
class MassChangeHoldAllowMore implements JavaDelegate {

    private final MassChangeStore store;

    MassChangeHoldAllowMore(MassChangeStore store) {
        this.store = store;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = MassChangeHoldVariables.target(execution);
        store.allow(target, MassChangeHoldVariables.more(execution));
        new QuarantinedJobs(execution.getProcessEngineServices().getManagementService()).wakeHeldChanges(target);
    }
}
