package dev.jmlflow.leaver;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Completion check of "Resolve blocked account": ops either try again or record a waiver, and a waiver carries a
 * reason and the user who recorded it.
 */
@Component("leaverResolutionGuard")
public class LeaverResolutionGuard implements TaskListener {

    static final String RETRY = "retry";
    static final String WAIVE = "waive";

    @Override
    public void notify(DelegateTask task) {
        String resolution = LeaverVariables.resolution(task);
        if (RETRY.equals(resolution)) {
            return;
        }
        if (!WAIVE.equals(resolution)) {
            throw new NotValidException("resolution: choose 'retry' (the cause is fixed) or 'waive' (record a waiver)");
        }
        Object reason = LeaverVariables.waiverReason(task);
        if (!(reason instanceof String text) || text.isBlank()) {
            throw new NotValidException("waiverReason: a waiver needs a reason");
        }
        if (text.length() > LeaverRequestValidation.MAX_REASON) {
            throw new NotValidException("waiverReason: must not be longer than " + LeaverRequestValidation.MAX_REASON + " characters");
        }
        Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (user == null || user.getUserId() == null) {
            throw new NotValidException("a waiver must be recorded by a logged-in user");
        }
        task.setVariable("waivedBy", user.getUserId());
    }
}
