package dev.jmlflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The lane on a real engine and job executor: a normal pool of one thread and a queue of one, saturated by
 * low-priority jobs that block until released, and a lane of one thread for jobs of priority 100 or more.
 */
class JobLanesTest {

    /** The work of the jobs: a slow job blocks until released; every job records where it ran. */
    public static final class Work {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch slowStarted = new CountDownLatch(1);
        final CountDownLatch urgentDone = new CountDownLatch(1);
        final List<String> events = new CopyOnWriteArrayList<>();

        public void slow() throws InterruptedException {
            events.add("slow on " + Thread.currentThread().getName());
            slowStarted.countDown();
            release.await(60, TimeUnit.SECONDS);
        }

        public void urgent() {
            events.add("urgent on " + Thread.currentThread().getName() + (release.getCount() > 0 ? ", slow jobs blocked" : ""));
            urgentDone.countDown();
        }
    }

    private final Work work = new Work();
    private final ThreadPoolTaskExecutor normalPool = LaneEngine.normalPool(1, 1);
    private ProcessEngine engine;

    @BeforeEach
    void startEngine() {
        engine = LaneEngine.build("job-lanes", new JobLanes(1, 100), normalPool, Map.of("work", work), List.of());
        engine.getRepositoryService().createDeployment()
                .addModelInstance("slow.bpmn", process("slow", "0"))
                .addModelInstance("urgent.bpmn", process("urgent", "100"))
                .deploy();
    }

    @AfterEach
    void stopEngine() {
        work.release.countDown();
        engine.close();
        normalPool.shutdown();
    }

    @Test
    void anUrgentJobStartsOnTheLaneWhileSlowJobsFillTheNormalPoolAndItsQueue() throws InterruptedException {
        for (int i = 0; i < 6; i++) {
            engine.getRuntimeService().startProcessInstanceByKey("slow");
        }
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().start();
        assertThat(work.slowStarted.await(30, TimeUnit.SECONDS)).isTrue();
        // saturated: one slow job running, one queued, three rejected and held (as many as one acquisition takes),
        // the sixth left waiting, so Camunda's own loop acquires nothing more until the normal pool takes the held ones
        awaitJobs(engine.getManagementService().createJobQuery().acquired()::count, 5);

        engine.getRuntimeService().startProcessInstanceByKey("urgent");

        assertThat(work.urgentDone.await(30, TimeUnit.SECONDS)).as("urgent job ran, events %s", work.events).isTrue();
        assertThat(work.events).containsExactly("slow on normal-1", "urgent on jmlflow-lane-1, slow jobs blocked");
    }

    @Test
    void lowPriorityJobsNeverRunOnTheLane() throws InterruptedException {
        work.release.countDown();
        for (int i = 0; i < 4; i++) {
            engine.getRuntimeService().startProcessInstanceByKey("slow");
        }
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().start();

        awaitJobs(engine.getManagementService().createJobQuery()::count, 0);
        assertThat(work.events).hasSize(4).allMatch(event -> event.startsWith("slow on normal-"));
    }

    private static void awaitJobs(LongSupplier count, long expected) throws InterruptedException {
        for (int i = 0; i < 300 && count.getAsLong() != expected; i++) {
            Thread.sleep(100);
        }
        assertThat(count.getAsLong()).isEqualTo(expected);
    }

    private static BpmnModelInstance process(String key, String jobPriority) {
        return Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_" + key).camundaAsyncBefore().camundaJobPriority(jobPriority)
                .camundaExpression("${work." + key + "()}")
                .endEvent()
                .done();
    }
}
