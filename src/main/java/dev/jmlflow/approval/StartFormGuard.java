package dev.jmlflow.approval;

import static dev.jmlflow.process.RequestVariables.REQUESTER;

import dev.jmlflow.engine.FormFields;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Process start listener put on every process by {@link RequestGuards}: a start may set only the fields of the
 * deployed start form, and the requester is the authenticated user who starts the instance, never a variable. It
 * runs after the engine has applied the caller's variables and before anything else of the process, whichever API
 * started it (REST, Tasklist's start form, Java, a start at another activity).
 */
final class StartFormGuard implements ExecutionListener {

    private final boolean hasForm;

    StartFormGuard(boolean hasForm) {
        this.hasForm = hasForm;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Set<String> fields = FormFields.ofStartForm(execution, hasForm);
        String unknown = execution.getVariableNames().stream().filter(name -> !fields.contains(name)).sorted()
                .map(name -> name + ": is not a field of the start form")
                .collect(Collectors.joining("; "));
        if (!unknown.isEmpty()) {
            throw new NotValidException(unknown);
        }
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (user != null && user.getUserId() != null) {
            execution.setVariable(REQUESTER, user.getUserId());
        }
    }
}
