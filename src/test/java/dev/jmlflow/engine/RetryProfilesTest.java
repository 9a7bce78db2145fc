package dev.jmlflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retry cycles come from the profile an async activity names, applied at deployment. */
class RetryProfilesTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
            .configurationResource(dev.jmlflow.process.FullProcessCoverage.ENGINE_CONFIGURATION).build();

    private String deployment;

    @AfterEach
    void undeploy() {
        if (deployment != null) {
            engine.getProcessEngine().getRepositoryService().deleteDeployment(deployment, true);
        }
        Mocks.reset();
    }

    @Test
    void anAsyncActivityWithoutARetryProfileFailsTheDeployment() {
        assertThatThrownBy(() -> deploy(asyncTask()))
                .hasMessageContaining("Task_Call is asynchronous but names no retry profile");
    }

    @Test
    void anAsyncActivityNamingAnUnknownProfileFailsTheDeployment() {
        assertThatThrownBy(() -> deploy(RetryProfileModels.withRetryProfile(asyncTask(), "Task_Call", "scim-wirte")))
                .hasMessageContaining("Task_Call: retry profile 'scim-wirte' is not configured");
    }

    @Test
    void aFailedJobIsRetriedByTheCycleOfItsProfile() {
        deploy(RetryProfileModels.withRetryProfile(asyncTask(), "Task_Call", "cut-off"));
        Mocks.register("app", (Runnable) () -> {
            throw new IllegalStateException("app down");
        });
        ProcessEngine processEngine = engine.getProcessEngine();
        processEngine.getRuntimeService().startProcessInstanceByKey("profiled");
        Job job = processEngine.getManagementService().createJobQuery().singleResult();

        assertThatThrownBy(() -> processEngine.getManagementService().executeJob(job.getId())).hasMessageContaining("app down");

        // cut-off is R10/PT5M: the first failure leaves nine retries, not the engine default's four
        assertThat(processEngine.getManagementService().createJobQuery().singleResult().getRetries()).isEqualTo(9);
    }

    @Test
    void aConfiguredProfileReplacesTheBuiltInOne() {
        RetryProperties properties = new RetryProperties(null, null, null, Map.of("scim-write", "R2/PT1M"));

        assertThat(properties.retryConfiguration("scim-write").getRetries()).isEqualTo(2);
        assertThat(properties.retryConfiguration("mail").getRetries()).isEqualTo(5);
    }

    @Test
    void anUnreadableCycleIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> new RetryProperties(null, null, null, Map.of("mail", "five times")))
                .hasMessageStartingWith("jmlflow.retries.profiles.mail must be a retry cycle");
    }

    private static BpmnModelInstance asyncTask() {
        return Bpmn.createExecutableProcess("profiled").camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Started")
                .serviceTask("Task_Call").camundaAsyncBefore().camundaExpression("${app.run()}")
                .endEvent("EndEvent_Done")
                .done();
    }

    private void deploy(BpmnModelInstance model) {
        deployment = engine.getProcessEngine().getRepositoryService().createDeployment()
                .addModelInstance("profiled.bpmn", model).deploy().getId();
    }
}
