package dev.jmlflow.approval;

import dev.jmlflow.engine.CommandWrites;
import dev.jmlflow.engine.FormFields;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.DelegationState;

/**
 * Completing (or resolving) any user task may set only the fields of that task's deployed form: put on every user
 * task by {@link RequestGuards}, first among its listeners, so it sees exactly what the caller's command wrote
 * (local or process variables, through complete, submit-form or resolve) and nothing the process writes later.
 */
final class CompletionGuard implements TaskListener {

    private final boolean hasForm;

    CompletionGuard(boolean hasForm) {
        this.hasForm = hasForm;
    }

    @Override
    public void notify(DelegateTask task) {
        boolean resolved = EVENTNAME_UPDATE.equals(task.getEventName())
                && task instanceof TaskEntity entity && DelegationState.RESOLVED.equals(entity.getDelegationState());
        if (!EVENTNAME_COMPLETE.equals(task.getEventName()) && !resolved) {
            return;
        }
        Set<String> written = CommandWrites.variables(task.getProcessInstanceId(), task);
        if (written.isEmpty()) {
            return;
        }
        Set<String> fields = FormFields.ofTaskForm(task, hasForm);
        String unknown = written.stream().filter(name -> !fields.contains(name))
                .map(name -> name + ": is not a field of the form of '" + task.getName() + "'")
                .collect(Collectors.joining("; "));
        if (!unknown.isEmpty()) {
            throw new NotValidException(unknown);
        }
    }
}
