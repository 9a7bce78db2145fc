package dev.jmlflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The completion guard on its own, on the process-test engine (where {@link RequestGuardsPlugin} puts it on every
 * user task): a task with a two-field form, and one without a form.
 */
class CompletionGuardTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
            .configurationResource(dev.jmlflow.process.FullProcessCoverage.ENGINE_CONFIGURATION).build();

    private static final String FORM = """
            {"id": "review", "type": "default", "schemaVersion": 16, "components": [
              {"key": "approved", "type": "checkbox", "label": "Approved"},
              {"key": "comment", "type": "textfield", "label": "Comment"},
              {"key": "submit", "type": "button", "label": "Submit"}]}
            """;

    private ProcessEngine processEngine;
    private TaskService tasks;
    private String deployment;

    @BeforeEach
    void deploy() {
        processEngine = engine.getProcessEngine();
        tasks = processEngine.getTaskService();
        deployment = processEngine.getRepositoryService().createDeployment()
                .addString("review.form", FORM)
                .addModelInstance("reviewed.bpmn", process("reviewed", true))
                .addModelInstance("unformed.bpmn", process("unformed", false))
                .deploy().getId();
    }

    @AfterEach
    void undeploy() {
        processEngine.getRepositoryService().deleteDeployment(deployment, true);
    }

    @Test
    void aTaskMayBeCompletedWithTheFieldsOfItsForm() {
        Task task = openTask("reviewed");

        tasks.complete(task.getId(), Map.of("approved", true, "comment", "fine"));

        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
    }

    @Test
    void aVariableThatIsNotAFieldOfTheFormIsRefusedByNameAndNothingIsWritten() {
        Task task = openTask("reviewed");

        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("approved", true, "requester", "mallory")))
                .hasRootCauseInstanceOf(NotValidException.class)
                .hasMessageContaining("requester: is not a field of the form of 'Review'");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isOne();
        assertThat(processEngine.getRuntimeService().getVariable(task.getProcessInstanceId(), "requester")).isNull();
    }

    @Test
    void resolvingADelegatedTaskWithAVariableNotOnTheFormIsRefused() {
        Task task = openTask("reviewed");
        tasks.delegateTask(task.getId(), "someone");

        assertThatThrownBy(() -> tasks.resolveTask(task.getId(), Map.of("approved", true, "plan", "everything")))
                .hasRootCauseInstanceOf(NotValidException.class).hasMessageContaining("plan:");
    }

    @Test
    void aTaskWithoutAFormMayBeCompletedOnlyWithoutVariables() {
        Task task = openTask("unformed");

        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("approved", true)))
                .hasRootCauseInstanceOf(NotValidException.class).hasMessageContaining("approved:");
        tasks.complete(task.getId());
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
    }

    private Task openTask(String processKey) {
        String instance = processEngine.getRuntimeService().startProcessInstanceByKey(processKey).getId();
        return tasks.createTaskQuery().processInstanceId(instance).singleResult();
    }

    private static BpmnModelInstance process(String key, boolean withForm) {
        var task = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("Task_Review").name("Review");
        if (withForm) {
            task = task.camundaFormRef("review").camundaFormRefBinding("latest");
        }
        return task.endEvent().done();
    }
}
