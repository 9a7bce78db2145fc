package dev.jmlflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The one query for "requests running for this employee", on the lightweight engine with stand-in processes. */
class RunningRequestsTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = FullProcessCoverage.engine(RunningRequestsTest.class,
            "joiner", "mover", "leaver");

    private static final String EMPLOYEE = "E4001";

    private final List<String> deployments = new ArrayList<>();
    private ProcessEngine processEngine;
    private RunningRequests requests;

    @BeforeEach
    void wire() {
        processEngine = engine.getProcessEngine();
        requests = new RunningRequests(processEngine.getRuntimeService());
    }

    @AfterEach
    void cleanUp() {
        deployments.forEach(id -> processEngine.getRepositoryService().deleteDeployment(id, true));
    }

    @Test
    void aRunningJoinerOfTheEmployeeIsFound() {
        ProcessInstance joiner = waitingJoiner(EMPLOYEE);

        assertThat(requests.of(EMPLOYEE, RunningRequests.JOINER, RunningRequests.MOVER))
                .extracting(ProcessInstance::getId).containsExactly(joiner.getId());
    }

    @Test
    void aFinishedJoinerIsNotFound() {
        ProcessInstance joiner = waitingJoiner(EMPLOYEE);
        String task = processEngine.getTaskService().createTaskQuery().processInstanceId(joiner.getId()).singleResult().getId();
        processEngine.getTaskService().complete(task);

        assertThat(requests.of(EMPLOYEE, RunningRequests.JOINER)).isEmpty();
    }

    @Test
    void aJoinerOfAnotherEmployeeIsNotFound() {
        waitingJoiner("E4002");

        assertThat(requests.of(EMPLOYEE, RunningRequests.JOINER)).isEmpty();
    }

    @Test
    void aRequestOfAnotherKindIsNotFound() {
        waitingJoiner(EMPLOYEE);

        assertThat(requests.of(EMPLOYEE, RunningRequests.LEAVER)).isEmpty();
        assertThat(requests.leaver(EMPLOYEE)).isEmpty();
    }

    @Test
    void aLeaverWaitingForTheLastDayIsFoundAsScheduled() {
        deploy(Bpmn.createExecutableProcess("leaver").camundaHistoryTimeToLive(180).startEvent()
                .intermediateCatchEvent("Event_LastDayOver").message(RunningRequests.LEAVER_CANCELLED).endEvent().done());
        ProcessInstance leaver = processEngine.getRuntimeService().startProcessInstanceByKey("leaver", EMPLOYEE);

        assertThat(requests.leaver(EMPLOYEE)).hasValueSatisfying(found -> {
            assertThat(found.processInstanceId()).isEqualTo(leaver.getId());
            assertThat(found.waitingForLastDay()).isTrue();
        });
    }

    @Test
    void aLeaverRemovingAccessIsFoundAsNoLongerWaiting() {
        deploy(Bpmn.createExecutableProcess("leaver").camundaHistoryTimeToLive(180).startEvent()
                .userTask("Task_RemovingAccess").endEvent().done());
        processEngine.getRuntimeService().startProcessInstanceByKey("leaver", EMPLOYEE);

        assertThat(requests.leaver(EMPLOYEE)).hasValueSatisfying(found -> assertThat(found.waitingForLastDay()).isFalse());
    }

    @Test
    void theRequestBeingStartedIsNotAnotherOne() {
        ProcessInstance joiner = waitingJoiner(EMPLOYEE);

        assertThat(requests.another(execution(joiner.getId()), RunningRequests.JOINER, EMPLOYEE)).isFalse();
    }

    @Test
    void aRunningJoinerIsAnotherOneForANewJoiner() {
        waitingJoiner(EMPLOYEE);

        assertThat(requests.another(execution("a-new-instance"), RunningRequests.JOINER, EMPLOYEE)).isTrue();
    }

    private static DelegateExecution execution(String processInstanceId) {
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getProcessInstanceId()).thenReturn(processInstanceId);
        return execution;
    }

    private ProcessInstance waitingJoiner(String employeeId) {
        if (deployments.isEmpty()) {
            deploy(Bpmn.createExecutableProcess("joiner").camundaHistoryTimeToLive(180).startEvent()
                    .userTask("Task_Waiting").endEvent().done());
        }
        return processEngine.getRuntimeService().startProcessInstanceByKey("joiner", employeeId);
    }

    private void deploy(BpmnModelInstance model) {
        String key = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next().getId();
        deployments.add(processEngine.getRepositoryService().createDeployment().addModelInstance(key + ".bpmn", model)
                .deploy().getId());
    }
}
