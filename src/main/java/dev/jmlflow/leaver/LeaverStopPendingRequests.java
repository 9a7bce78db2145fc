package dev.jmlflow.leaver;

import java.util.List;

import dev.jmlflow.engine.Engine;
import dev.jmlflow.process.RunningRequests;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Start listener of "Find linked accounts", the moment access must end: deletes every running joiner and mover of
 * the employee, whatever it waits for (start date, approval, a queued or retrying provisioning job), so none can grant
 * access after the leaver has read which accounts to deactivate. Runs in the same transaction as that read, which is
 * a job (asyncBefore), never HR's start: a joiner or mover job that commits first (their per-app jobs run in parallel)
 * makes this job fail on optimistic locking, the job executor runs it again without using up a retry, and then that
 * job's new links are read too.
 * The deleted instances carry the reason "superseded by leaver ..."; the leaver keeps their ids in
 * {@code supersededRequests}. Custom listeners run, so request metrics count them as cancelled.
 */
@Component("leaverStopPendingRequests")
public class LeaverStopPendingRequests implements ExecutionListener {

    static final String[] SUPERSEDED_PROCESSES = {RunningRequests.JOINER, RunningRequests.MOVER};
    private static final String REASON = "superseded by leaver ";

    private final RunningRequests requests;

    public LeaverStopPendingRequests(RunningRequests requests) {
        this.requests = requests;
    }

    @Override
    public void notify(DelegateExecution execution) {
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        String reason = REASON + execution.getProcessInstanceId();
        // the system acts here, not the HR user whose request may have started this transaction
        List<String> stopped = Engine.withoutAuthorization(() -> {
            List<ProcessInstance> pending = requests.of(execution.getProcessBusinessKey(), SUPERSEDED_PROCESSES);
            pending.forEach(request -> runtime.deleteProcessInstance(request.getId(), reason, false, false));
            return pending.stream().map(request -> definitionKey(request) + " " + request.getId()).toList();
        });
        execution.setVariable(LeaverVariables.SUPERSEDED_REQUESTS, String.join(", ", stopped));
    }

    private static String definitionKey(ProcessInstance request) {
        String definitionId = request.getProcessDefinitionId();
        return definitionId.substring(0, definitionId.indexOf(':'));
    }
}
