package dev.jmlflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.exception.NotValidException;
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

    /**
     * The start check of the stand-in joiner: refuses a second running joiner; the first start to pass waits inside
     * its own command (uncommitted) until {@link #RELEASE} opens, so a second start meets it at the worst moment.
     */
    public static final class StartCheck implements ExecutionListener {
        static volatile RunningRequests requests;
        static final CountDownLatch FIRST_CHECKED = new CountDownLatch(1);
        static final CountDownLatch RELEASE = new CountDownLatch(1);
        private static final AtomicBoolean FIRST = new AtomicBoolean(true);

        @Override
        public void notify(DelegateExecution execution) throws InterruptedException {
            if (requests.another(execution, RunningRequests.JOINER, execution.getProcessBusinessKey())) {
                throw new NotValidException("employeeId: a joiner request is already running");
            }
            if (FIRST.getAndSet(false)) {
                FIRST_CHECKED.countDown();
                RELEASE.await(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void twoJoinersStartedAtTheSameMomentForOnePersonRunAsOne() throws Exception {
        deploy(Bpmn.createExecutableProcess("joiner").camundaHistoryTimeToLive(180).startEvent()
                .camundaExecutionListenerClass(ExecutionListener.EVENTNAME_START, StartCheck.class)
                .userTask("Task_Waiting").endEvent().done());
        StartCheck.requests = requests;
        ExecutorService starts = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = starts.submit(() -> processEngine.getRuntimeService().startProcessInstanceByKey("joiner", EMPLOYEE));
            assertThat(StartCheck.FIRST_CHECKED.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> second = starts.submit(() -> processEngine.getRuntimeService().startProcessInstanceByKey("joiner", EMPLOYEE));
            // without the lock the second start passes its check and commits while the first is still open
            awaitQuietly(second, Duration.ofSeconds(1));
            StartCheck.RELEASE.countDown();
            first.get(10, TimeUnit.SECONDS);

            assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(requests.of(EMPLOYEE, RunningRequests.JOINER)).hasSize(1);
        } finally {
            StartCheck.RELEASE.countDown();
            starts.shutdownNow();
        }
    }

    private static void awaitQuietly(Future<?> future, Duration atMost) {
        try {
            future.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            // what it did is asserted afterwards
        }
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
