package dev.jmlflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Ensure account" of the joiner: {@link AccountSteps#ensure}. */
@Component("ensureAccount")
public class EnsureAccount implements JavaDelegate {

    private final AccountSteps steps;

    public EnsureAccount(AccountSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.ensure(execution);
    }
}
