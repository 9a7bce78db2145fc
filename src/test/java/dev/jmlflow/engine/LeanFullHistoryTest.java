package dev.jmlflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * History level {@code full-lean} on a real engine and its job executor: HR starts a request with two parallel "apps",
 * each an async step that fails once, is run again and records its answer in a variable, as jmlflow's requests do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // every test reads the history of the one request
class LeanFullHistoryTest {

    /** Fails the first call for each app, then succeeds. */
    public static final class Work {
        final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

        public void step(String app, DelegateExecution execution) {
            if (failedOnce.add(app)) {
                throw new IllegalStateException("app " + app + " answered 503");
            }
            execution.setVariableLocal("answer", "201 from " + app);
        }
    }

    private ProcessEngine engine;
    private String instance;

    @BeforeAll
    void runARequest() throws InterruptedException {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) new StandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:lean-history;DB_CLOSE_DELAY=-1")
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP)
                .setHistory(LeanFullHistory.NAME)
                .setProcessEngineName("lean-history");
        configuration.setBeans(Map.of("work", new Work()));
        configuration.setJobExecutorActivate(false); // started once the request waits at its apps' jobs
        configuration.getProcessEnginePlugins().add(new LeanFullHistory());
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().addModelInstance("request.bpmn",
                Bpmn.createExecutableProcess("request").camundaHistoryTimeToLive(1)
                        .startEvent()
                        .subProcess("SubProcess_App").embeddedSubProcess().startEvent()
                        .serviceTask("Task_App").camundaAsyncBefore().camundaExpression("${work.step(app, execution)}")
                        .endEvent()
                        .subProcessDone()
                        .multiInstance().parallel().camundaCollection("${apps}").camundaElementVariable("app").multiInstanceDone()
                        .endEvent()
                        .done()).deploy();
        engine.getIdentityService().setAuthenticatedUserId("hr.hanna");
        instance = engine.getRuntimeService().startProcessInstanceByKey("request", Map.of("apps", List.of("a", "b"))).getId();
        engine.getIdentityService().setAuthenticatedUserId("ops.otto");
        engine.getRuntimeService().setVariable(instance, "note", "checked by ops");
        engine.getIdentityService().clearAuthentication();
        // as jmlflow's own endpoints call the engine for a person: no engine user (LeaverChangeEndpoint)
        engine.getRuntimeService().setVariable(instance, "lastDayChangedBy", "hr.hanna");
        setVariableInABatchOnTheJobExecutorBeforeTheAppsRun(configuration);
        awaitUntil("the request ends", () -> engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(instance).finished().count() == 1);
    }

    /** Ops' batch runs on the job executor too; the apps' jobs are held back until it has set its variable. */
    private void setVariableInABatchOnTheJobExecutorBeforeTheAppsRun(ProcessEngineConfigurationImpl configuration)
            throws InterruptedException {
        List<Job> appJobs = engine.getManagementService().createJobQuery().processInstanceId(instance).list();
        appJobs.forEach(job -> engine.getManagementService().setJobDuedate(job.getId(), Date.from(Instant.now().plus(Duration.ofDays(1)))));
        engine.getIdentityService().setAuthenticatedUserId("ops.otto");
        engine.getRuntimeService().setVariablesAsync(List.of(instance), Map.of("reviewedBy", "ops.otto"));
        engine.getIdentityService().clearAuthentication();
        configuration.getJobExecutor().setMaxWait(100); // released jobs are found without the engine's hint
        configuration.getJobExecutor().start();
        awaitUntil("ops' batch has set its variable", () -> engine.getRuntimeService().getVariable(instance, "reviewedBy") != null);
        appJobs.forEach(job -> engine.getManagementService().setJobDuedate(job.getId(), new Date()));
    }

    private static void awaitUntil(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @AfterAll
    void stopEngine() {
        engine.close();
    }

    @Test
    void theJobLogKeepsFailuresWithTheirMessageAndNothingOfJobsThatRanWell() {
        HistoryService history = engine.getHistoryService();

        // a job of ops' batch (no process instance) can fail once and run again, as one did in a verify run;
        // that failure is logged too
        assertThat(history.createHistoricJobLogQuery().failureLog().list())
                .allSatisfy(failure -> assertThat(failure.getJobExceptionMessage()).isNotBlank());
        assertThat(history.createHistoricJobLogQuery().failureLog().processInstanceId(instance).list())
                .hasSize(2).allSatisfy(failure -> assertThat(failure.getJobExceptionMessage()).contains("503"));
        assertThat(history.createHistoricJobLogQuery().successLog().count()).isZero();
        assertThat(history.createHistoricJobLogQuery().creationLog().count()).isZero();
    }

    @Test
    void theEnginesLoopCountersLeaveNoHistoryWhileTheRequestsVariablesDo() {
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance).list())
                .extracting(HistoricVariableInstance::getName)
                .containsExactlyInAnyOrder("apps", "app", "app", "answer", "answer", "note", "lastDayChangedBy", "reviewedBy");
    }

    @Test
    void whatPeopleChangedKeepsItsChangeByChangeDetail() {
        assertThat(variableUpdates()).extracting(HistoricVariableUpdate::getVariableName)
                .as("HR's start (with the apps it opened), ops' note, HR's change through jmlflow's endpoint and ops' batch")
                .containsExactlyInAnyOrder("apps", "app", "app", "note", "lastDayChangedBy", "reviewedBy");
    }

    @Test
    void whatTheEnginesJobsWriteKeepsItsLastValueButNoChangeByChangeDetail() {
        assertThat(variableUpdates()).extracting(HistoricVariableUpdate::getVariableName).doesNotContain("answer");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
                .variableName("answer").list()).extracting(HistoricVariableInstance::getValue)
                .containsExactlyInAnyOrder("201 from a", "201 from b");
    }

    private List<HistoricVariableUpdate> variableUpdates() {
        return engine.getHistoryService().createHistoricDetailQuery().processInstanceId(instance).variableUpdates().list()
                .stream().map(HistoricVariableUpdate.class::cast).toList();
    }

    @Test
    void theRequestEndsInHistoryWithItsActivitiesAsFullHistoryRecordsThem() {
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance).finished().count()).isOne();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance).activityId("Task_App").finished().count())
                .isEqualTo(2);
    }

    @Test
    void aDatabaseCreatedAtFullHistoryAcceptsIt() {
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel().getId())
                .isEqualTo(org.camunda.bpm.engine.impl.history.HistoryLevel.HISTORY_LEVEL_FULL.getId());
    }
}
