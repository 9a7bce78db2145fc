package dev.jmlflow.masschange;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ListHeldChanges: the hold's target is the business key; the task shows what is held and who decides. */
@Component
class MassChangeHoldListChanges implements JavaDelegate {

    private final MassChangeHolds holds;

    MassChangeHoldListChanges(MassChangeHolds holds) {
        this.holds = holds;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariables(MassChangeHoldVariables.of(holds.of(execution.getProcessBusinessKey())));
    }
}
