package dev.jmlflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Compensation of "ensure account": {@link AccountSteps#undo}. */
@Component("undoAccount")
public class UndoAccount implements JavaDelegate {

    private final AccountSteps steps;

    public UndoAccount(AccountSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.undo(execution);
    }
}
