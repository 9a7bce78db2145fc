package dev.jmlflow.approval;

import dev.jmlflow.policy.ApprovalDecision;
import dev.jmlflow.engine.CommandWrites;
import java.time.Instant;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * What completing an approval task must carry: {@value #APPROVED} set by this very completion (so an earlier
 * stage's decision never counts as this one's) and at most a short {@value #COMMENT}.
 */
final class ApprovalForm {

    static final String APPROVED = "approved";
    static final String COMMENT = "comment";
    static final int MAX_COMMENT = 2000;

    private ApprovalForm() {
    }

    /** The decision the completion of {@code task} carries, made by {@code decider}; refused when it carries none. */
    static ApprovalDecision decision(DelegateTask task, String stage, String decider) {
        Set<String> written = CommandWrites.variables(task.getProcessInstanceId(), task);
        Object approved = task.getVariable(APPROVED);
        if (!written.contains(APPROVED) || !(approved instanceof Boolean decision)) {
            throw new NotValidException("The task '" + task.getName() + "' was not completed. approved: must be"
                    + " true (approve) or false (reject)");
        }
        Object comment = written.contains(COMMENT) ? task.getVariable(COMMENT) : null;
        if (comment != null && (!(comment instanceof String text) || text.length() > MAX_COMMENT)) {
            throw new NotValidException("comment: must be text of at most " + MAX_COMMENT + " characters");
        }
        return new ApprovalDecision(stage, task.getName(), decider, decision, (String) comment,
                Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()));
    }
}
