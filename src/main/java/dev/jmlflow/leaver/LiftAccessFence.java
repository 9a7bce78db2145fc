package dev.jmlflow.leaver;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** End listener of the leaver (however it ends): lifts its cut-off, so that a later rehire can be provisioned. */
@Component("leaverLiftAccessFence")
public class LiftAccessFence implements ExecutionListener {

    private final AccessCutOff cutOff;

    public LiftAccessFence(AccessCutOff cutOff) {
        this.cutOff = cutOff;
    }

    @Override
    public void notify(DelegateExecution execution) {
        cutOff.lift((String) execution.getVariable("employeeId"), execution.getProcessInstanceId());
    }
}
