package dev.jmlflow.leaver;

import dev.jmlflow.process.RequestVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The read-back behind "access removed": inactive or absent and in no group, once no write admitted before the
 * cut-off can still land ({@link AccessCutOff#verifyRemoved}). Until then the job retries; it never passes unproven.
 */
@Component("leaverVerifyAccessRemoved")
public class LeaverVerifyAccessRemoved implements JavaDelegate {

    private final AccessCutOff cutOff;

    public LeaverVerifyAccessRemoved(AccessCutOff cutOff) {
        this.cutOff = cutOff;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String target = RequestVariables.target(execution);
        String employeeId = RequestVariables.employeeId(execution);
        LeaverErrors.run(target, () -> cutOff.verifyRemoved(target, employeeId));
    }
}
