package dev.jmlflow.masschange;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Completing Task_DecideHeldChanges needs a decision, and "allow" a number of changes: else 400, task left open. */
@Component
class MassChangeHoldDecisionCheck implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        if (MassChangeHoldVariables.allows(task)) {
            MassChangeHoldVariables.more(task);
        }
    }
}
