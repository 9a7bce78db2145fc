package dev.jmlflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * {@link FollowUpJobs} on a real engine and job executor ({@link JobLanes}: a normal pool of three threads, a lane of
 * one for priority 100). Every job records the thread it ran on; the executor records every job that acquisition
 * handed it, so "never acquired" is observed, not inferred from timing.
 */
class FollowUpJobsTest {

    /** Jobs record where they ran; {@code step} is called by every service task with its activity id. */
    public static final class Work {
        final List<String> steps = new CopyOnWriteArrayList<>();
        final Map<String, String> threadOfJob = new ConcurrentHashMap<>();
        final Map<String, String> activityOfJob = new ConcurrentHashMap<>();

        public void step(DelegateExecution execution) {
            String jobId = Context.getJobExecutorContext().getCurrentJob().getId();
            threadOfJob.put(jobId, Thread.currentThread().getName());
            activityOfJob.put(jobId, execution.getCurrentActivityId());
            steps.add(execution.getCurrentActivityId() + "@" + Thread.currentThread().getName());
        }
    }

    /** The executor as shipped, which also notes every job that acquisition hands in. */
    static final class RecordingLanes extends JobLanes {
        final Set<String> acquired = ConcurrentHashMap.newKeySet();

        RecordingLanes() {
            super(1, 100);
        }

        @Override
        public void executeJobs(List<String> jobIds, ProcessEngineImpl processEngine) {
            acquired.addAll(jobIds);
            super.executeJobs(jobIds, processEngine);
        }
    }

    private final Work work = new Work();
    private final ThreadPoolTaskExecutor normalPool = LaneEngine.normalPool(3, 3);
    private final RecordingLanes lanes = new RecordingLanes();
    private ProcessEngine engine;

    @BeforeEach
    void startEngine() {
        engine = LaneEngine.build("follow-up-jobs", lanes, normalPool, Map.of("work", work), List.of(new FollowUpJobs()));
        engine.getRepositoryService().createDeployment()
                .addModelInstance("chain.bpmn", chain("chain", "0", "0"))
                .addModelInstance("to-lane.bpmn", chain("toLane", "0", "100"))
                .addModelInstance("apps.bpmn", apps())
                .deploy();
        lanes.start();
    }

    @AfterEach
    void stopEngine() {
        engine.close();
        normalPool.shutdown();
    }

    @Test
    void aJobsNextStepOfTheSameKindRunsOnTheSameThreadWithoutAcquisition() throws InterruptedException {
        engine.getRuntimeService().startProcessInstanceByKey("chain");
        awaitNoJobs();

        assertThat(work.steps).hasSize(3);
        assertThat(work.threadOfJob.values()).as("steps %s", work.steps).hasSize(3).containsOnly(work.threadOfJob.get(jobOf("Task_First")));
        assertThat(lanes.acquired).as("acquired").containsExactly(jobOf("Task_First"));
    }

    @Test
    void aNextStepOfAnotherPriorityGoesToAcquisitionAndItsOwnLane() throws InterruptedException {
        engine.getRuntimeService().startProcessInstanceByKey("toLane");
        awaitNoJobs();

        assertThat(lanes.acquired).as("steps %s", work.steps).contains(jobOf("Task_First"), jobOf("Task_Second"));
        assertThat(work.threadOfJob.get(jobOf("Task_Second"))).startsWith("jmlflow-lane-");
        assertThat(work.threadOfJob.get(jobOf("Task_First"))).startsWith("normal-");
    }

    @Test
    void ofTheAppsOneJobStartsOnlyOneStaysOnItsThreadAndTheOthersAreAcquiredToRunAtOnce() throws InterruptedException {
        engine.getRuntimeService().startProcessInstanceByKey("apps");
        awaitNoJobs();

        List<String> appJobs = work.activityOfJob.entrySet().stream()
                .filter(job -> job.getValue().equals("Task_App")).map(Map.Entry::getKey).toList();
        assertThat(appJobs).hasSize(3);
        assertThat(appJobs.stream().filter(lanes.acquired::contains)).as("steps %s", work.steps).hasSize(2);
    }

    private String jobOf(String activityId) {
        return work.activityOfJob.entrySet().stream().filter(job -> job.getValue().equals(activityId))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError(activityId + " never ran: " + work.steps));
    }

    private void awaitNoJobs() throws InterruptedException {
        for (int i = 0; i < 300 && (engine.getManagementService().createJobQuery().count() > 0
                || engine.getRuntimeService().createProcessInstanceQuery().count() > 0); i++) {
            Thread.sleep(50);
        }
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).as("steps %s", work.steps).isZero();
    }

    /** Three non-exclusive async steps in a row; the second and third of {@code nextPriority}. */
    private static BpmnModelInstance chain(String key, String firstPriority, String nextPriority) {
        return Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_First").camundaAsyncBefore().camundaExclusive(false).camundaJobPriority(firstPriority)
                .camundaExpression("${work.step(execution)}")
                .serviceTask("Task_Second").camundaAsyncBefore().camundaExclusive(false).camundaJobPriority(nextPriority)
                .camundaExpression("${work.step(execution)}")
                .serviceTask("Task_Third").camundaAsyncBefore().camundaExclusive(false).camundaJobPriority(nextPriority)
                .camundaExpression("${work.step(execution)}")
                .endEvent()
                .done();
    }

    /** A non-exclusive job that starts three parallel non-exclusive app jobs (the joiner's shape). */
    private static BpmnModelInstance apps() {
        return Bpmn.createExecutableProcess("apps").camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_First").camundaAsyncBefore().camundaExclusive(false)
                .camundaExpression("${work.step(execution)}")
                .subProcess("SubProcess_App").embeddedSubProcess().startEvent()
                .serviceTask("Task_App").camundaAsyncBefore().camundaExclusive(false)
                .camundaExpression("${work.step(execution)}")
                .endEvent().camundaAsyncBefore()
                .subProcessDone()
                .multiInstance().parallel().cardinality("3").multiInstanceDone()
                .endEvent()
                .done();
    }
}
