package dev.jmlflow.leaver;

import dev.jmlflow.process.RequestVariables;
import dev.jmlflow.provisioning.AccessFence;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** End listener of the leaver (however it ends): lifts its cut-off, so that a later rehire can be provisioned. */
@Component("leaverLiftAccessFence")
public class LeaverLiftAccessFence implements ExecutionListener {

    private final AccessFence fence;

    public LeaverLiftAccessFence(AccessFence fence) {
        this.fence = fence;
    }

    @Override
    public void notify(DelegateExecution execution) {
        fence.lift(RequestVariables.employeeId(execution), execution.getProcessInstanceId());
    }
}
