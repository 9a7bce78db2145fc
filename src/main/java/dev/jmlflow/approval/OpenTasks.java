package dev.jmlflow.approval;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;

/** The open user tasks of the process instance an execution belongs to. */
final class OpenTasks {

    private OpenTasks() {
    }

    static List<Task> of(DelegateExecution execution) {
        return execution.getProcessEngineServices().getTaskService().createTaskQuery()
                .processInstanceId(execution.getProcessInstanceId()).active().list();
    }
}
