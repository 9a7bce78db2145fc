package dev.jmlflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.process.TargetCallFailedException;
import dev.jmlflow.provisioning.DestructiveChange;
import dev.jmlflow.provisioning.MassChangeHeldException;
import dev.jmlflow.provisioning.MassChangeStoppedException;
import dev.jmlflow.scim.ScimException;
import dev.jmlflow.targets.TargetQuarantinedException;
import dev.jmlflow.targets.TokenBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the process-test engine (the same retry rules as the app) times a job whose SCIM call was throttled or held
 * back: one async service task with the leaver's cut-off retry profile (R10/PT5M), calling an app that fails as told.
 */
class ThrottledJobTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
            .configurationResource(dev.jmlflow.process.FullProcessCoverage.ENGINE_CONFIGURATION).build();

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final int CYCLE_RETRIES = 10;

    /** The remote call of the task: throws the queued failures one by one, then succeeds. */
    public static final class App {
        final Deque<Supplier<RuntimeException>> failures = new ArrayDeque<>();
        Runnable before = () -> { };

        public void call() {
            before.run();
            Supplier<RuntimeException> failure = failures.poll();
            if (failure != null) {
                throw failure.get();
            }
        }
    }

    private final App app = new App();
    private ProcessEngine processEngine;
    private String deployment;

    @BeforeEach
    void deploy() {
        processEngine = engine.getProcessEngine();
        ClockUtil.setCurrentTime(Date.from(T0));
        Mocks.register("app", app);
        deployment = processEngine.getRepositoryService().createDeployment()
                .addModelInstance("throttled.bpmn", RetryProfileModels.withRetryProfile(
                        Bpmn.createExecutableProcess("throttled").camundaHistoryTimeToLive(1)
                        .startEvent()
                        .serviceTask("Task_CallApp").camundaAsyncBefore().camundaExpression("${app.call()}")
                        .endEvent("EndEvent_Done")
                        .done(), "Task_CallApp", "cut-off"))
                .deploy().getId();
    }

    @AfterEach
    void undeploy() {
        processEngine.getRepositoryService().deleteDeployment(deployment, true);
        ClockUtil.reset();
        Mocks.reset();
    }

    @Test
    void retryAfterMovesTheNextAttemptAndUsesUpNoRetry() {
        app.failures.add(() -> throttled(Duration.ofSeconds(3600)));
        ProcessInstance instance = start();

        Job job = executeFailing(instance);

        assertThat(job.getDuedate()).isEqualTo(Date.from(T0.plusSeconds(3600)));
        assertThat(job.getRetries()).isEqualTo(CYCLE_RETRIES);
        assertThat(job.getExceptionMessage()).endsWith("target cortex: PATCH /Users/u1 answered 429");
        assertThat(incidents(instance)).isZero();
    }

    @Test
    void theJobRunsAgainOnceTheRetryAfterIsOverAndCompletes() {
        app.failures.add(() -> throttled(Duration.ofSeconds(3600)));
        ProcessInstance instance = start();
        executeFailing(instance);

        ClockUtil.setCurrentTime(Date.from(T0.plusSeconds(3599)));
        assertThat(dueJobs(instance)).isEmpty();
        ClockUtil.setCurrentTime(Date.from(T0.plusSeconds(3601)));
        processEngine.getManagementService().executeJob(dueJobs(instance).get(0).getId());

        assertThat(ended(instance)).isTrue();
    }

    @Test
    void aServiceUnavailableWithRetryAfterWaitsWithoutUsingUpARetry() {
        app.failures.add(() -> new TargetCallFailedException("cortex",
                new ScimException.Unavailable(503, "PATCH /Users/u1 answered 503", null, Duration.ofMinutes(20))));
        ProcessInstance instance = start();

        Job job = executeFailing(instance);

        assertThat(job.getDuedate()).isEqualTo(Date.from(T0.plus(Duration.ofMinutes(20))));
        assertThat(job.getRetries()).isEqualTo(CYCLE_RETRIES);
    }

    @Test
    void aServiceUnavailableWithoutRetryAfterUsesUpARetryOnTheTasksCycle() {
        app.failures.add(() -> new TargetCallFailedException("cortex",
                new ScimException.Unavailable(503, "PATCH /Users/u1 answered 503", null)));
        ProcessInstance instance = start();

        Job job = executeFailing(instance);

        assertThat(job.getRetries()).isEqualTo(CYCLE_RETRIES - 1);
        assertThat(job.getDuedate()).isEqualTo(Date.from(T0.plus(Duration.ofMinutes(5))));
    }

    @Test
    void aTooManyRequestsWithoutRetryAfterBacksOffWithGrowingWaitsAndUsesUpNoRetry() {
        for (int i = 0; i < 5; i++) {
            app.failures.add(() -> throttled(null));
        }
        ProcessInstance instance = start();

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant now = ClockUtil.getCurrentTime().toInstant();
            Job job = executeFailing(instance);
            assertThat(job.getRetries()).isEqualTo(CYCLE_RETRIES);
            waits.add(Duration.between(now, job.getDuedate().toInstant()));
            ClockUtil.setCurrentTime(job.getDuedate());
        }

        // 30 s first, then each wait about as long as the job has waited so far, each +-20 % jitter
        assertThat(waits.get(0)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
        assertThat(waits.get(4)).isGreaterThan(waits.get(0).multipliedBy(3));
        assertThat(incidents(instance)).isZero();
    }

    @Test
    void aWaitBeyondTheCeilingUsesUpRetriesButStillHonoursRetryAfterAndEndsAsAnIncident() {
        for (int i = 0; i < CYCLE_RETRIES; i++) {
            app.failures.add(() -> throttled(Duration.ofHours(1)));
        }
        ProcessInstance instance = start();
        // the job has existed for 47.5 h: one more hour of waiting passes the default ceiling of 2 days
        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofMinutes(47 * 60 + 30))));

        Job job = executeFailing(instance);
        assertThat(job.getRetries()).isEqualTo(CYCLE_RETRIES - 1);
        assertThat(job.getDuedate()).isEqualTo(Date.from(T0.plus(Duration.ofMinutes(48 * 60 + 30))));

        while (job.getRetries() > 0) {
            ClockUtil.setCurrentTime(job.getDuedate());
            job = executeFailing(instance);
        }
        assertThat(incidents(instance)).isEqualTo(1);
    }

    @Test
    void aClientSideRateLimitWaitReschedulesTheJobForWhenTheBucketHasATokenAgain() {
        FakeTicker ticker = new FakeTicker();
        TokenBucket bucket = new TokenBucket("cortex", 0.1, Duration.ofSeconds(2), ticker);
        bucket.acquire(); // the one token of the next 10 s went to another request
        app.before = () -> {
            try {
                bucket.acquire();
            } catch (ScimException e) {
                throw new TargetCallFailedException("cortex", e);
            }
        };
        ProcessInstance instance = start();

        Job job = executeFailing(instance);
        assertThat(job.getRetries()).isEqualTo(CYCLE_RETRIES);
        assertThat(job.getDuedate()).isEqualTo(Date.from(T0.plusSeconds(10)));

        ticker.now += Duration.ofSeconds(10).toNanos();
        ClockUtil.setCurrentTime(job.getDuedate());
        processEngine.getManagementService().executeJob(job.getId());
        assertThat(ended(instance)).isTrue();
    }

    @Test
    void aQuarantinedTargetsJobWaitsForTheNextProbeWithoutUsingUpRetriesEvenPastTheCeiling() {
        app.failures.add(() -> new TargetQuarantinedException("cortex", "5 transient failures in a row", Duration.ofMinutes(5)));
        ProcessInstance instance = start();
        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofDays(3))));

        Job job = executeFailing(instance);

        assertThat(job.getRetries()).isEqualTo(CYCLE_RETRIES);
        assertThat(job.getDuedate()).isEqualTo(Date.from(T0.plus(Duration.ofDays(3)).plus(Duration.ofMinutes(5))));
        assertThat(job.getExceptionMessage()).contains("target cortex is quarantined");
        assertThat(incidents(instance)).isZero();
    }

    @Test
    void closingTheBreakerMakesTheJobsItHeldBackDueAtOnce() {
        app.failures.add(() -> new TargetCallFailedException("cortex",
                new TargetQuarantinedException("cortex", "HTTP 401: token expired", Duration.ofMinutes(5))));
        ProcessInstance instance = start();
        executeFailing(instance);
        assertThat(dueJobs(instance)).isEmpty();

        int woken = new QuarantinedJobs(processEngine.getManagementService()).wake("cortex");

        assertThat(woken).isEqualTo(1);
        assertThat(dueJobs(instance)).singleElement().satisfies(job -> assertThat(job.getDuedate()).isEqualTo(Date.from(T0)));
        processEngine.getManagementService().executeJob(dueJobs(instance).get(0).getId());
        assertThat(ended(instance)).isTrue();
    }

    @Test
    void closingOneTargetsBreakerLeavesOtherTargetsAndThrottledJobsWaiting() {
        app.failures.add(() -> new TargetQuarantinedException("coginiti", "HTTP 503: down", Duration.ofMinutes(5)));
        ProcessInstance quarantinedElsewhere = start();
        executeFailing(quarantinedElsewhere);
        app.failures.add(() -> throttled(Duration.ofSeconds(3600)));
        ProcessInstance throttledHere = start();
        executeFailing(throttledHere);

        int woken = new QuarantinedJobs(processEngine.getManagementService()).wake("cortex");

        assertThat(woken).isZero();
        assertThat(dueJobs(quarantinedElsewhere)).isEmpty();
        assertThat(dueJobs(throttledHere)).isEmpty();
    }

    @Test
    void aJobHeldByTheMassChangeGuardWaitsForTheRecheckWithoutUsingUpARetryOrRaisingAnIncident() {
        app.failures.add(() -> new MassChangeHeldException(DEACTIVATION, 25, Duration.ofMinutes(5)));
        ProcessInstance instance = start();

        Job job = executeFailing(instance);

        assertThat(job.getRetries()).isEqualTo(CYCLE_RETRIES);
        assertThat(job.getDuedate()).isEqualTo(Date.from(T0.plus(Duration.ofMinutes(5))));
        assertThat(job.getExceptionMessage()).contains("held by the mass-change guard");
        assertThat(incidents(instance)).isZero();
    }

    @Test
    void aChangeTheAppOwnerStoppedIsAnIncidentAtOnceNamingTheReason() {
        app.failures.add(() -> new MassChangeStoppedException(DEACTIVATION));
        ProcessInstance instance = start();

        Job job = executeFailing(instance);

        assertThat(job.getRetries()).isZero();
        assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId())
                .singleResult().getIncidentMessage()).contains("stopped by the app owner after a mass-change hold");
    }

    private static final DestructiveChange DEACTIVATION =
            new DestructiveChange("cortex", "E1", DestructiveChange.Operation.DEACTIVATE, null);

    private static TargetCallFailedException throttled(Duration retryAfter) {
        return new TargetCallFailedException("cortex", new ScimException.RateLimited(retryAfter, "PATCH /Users/u1 answered 429"));
    }

    private ProcessInstance start() {
        return processEngine.getRuntimeService().startProcessInstanceByKey("throttled");
    }

    /** Runs the instance's one job, which is expected to fail, and returns it as the engine left it. */
    private Job executeFailing(ProcessInstance instance) {
        Job job = processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
        try {
            processEngine.getManagementService().executeJob(job.getId());
            throw new AssertionError("the job did not fail");
        } catch (RuntimeException expected) {
            // recorded on the job by the failed-job handling
        }
        return processEngine.getManagementService().createJobQuery().jobId(job.getId()).singleResult();
    }

    private List<Job> dueJobs(ProcessInstance instance) {
        return processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).executable().list();
    }

    private long incidents(ProcessInstance instance) {
        return processEngine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count();
    }

    private boolean ended(ProcessInstance instance) {
        return processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count() == 0;
    }

    private static final class FakeTicker implements TokenBucket.Ticker {
        long now = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
        }
    }
}
