package dev.jmlflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobAcquisitionOrderTest {

    /** Camunda's acquisition query as this order makes it (Job.xml, selectNextJobsToExecute, alwaysSetDueDate). */
    static final String ACQUISITION = "select RES.ID_ from ACT_RU_JOB RES where RES.RETRIES_ > 0"
            + " and RES.DUEDATE_ <= CURRENT_TIMESTAMP"
            + " and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < CURRENT_TIMESTAMP) and RES.SUSPENSION_STATE_ = 1"
            + " order by RES.PRIORITY_ desc, RES.DUEDATE_ asc limit 3";

    private final String url = "jdbc:h2:mem:acquisition-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final List<ProcessEngine> engines = new ArrayList<>();

    @AfterEach
    void close() {
        ClockUtil.reset();
        engines.forEach(ProcessEngine::close);
    }

    @Test
    void jobsOfEqualPriorityAreTakenInTheOrderTheyBecameDue() {
        ProcessEngine engine = engine(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE, true);
        List<String> started = startOneMinuteApart(engine, "queued", 5);

        // one acquisition hands its jobs over in no order of its own (batches by process instance)
        assertThat(acquire(engine, 2)).containsExactlyInAnyOrderElementsOf(jobsOf(engine, started.subList(0, 2)));
        assertThat(acquire(engine, 2)).containsExactlyInAnyOrderElementsOf(jobsOf(engine, started.subList(2, 4)));
    }

    @Test
    void aHigherPriorityIsTakenFirstHoweverLateItBecameDue() {
        ProcessEngine engine = engine(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE, true);
        startOneMinuteApart(engine, "queued", 3);
        List<String> urgent = startOneMinuteApart(engine, "urgent", 1);

        assertThat(acquire(engine, 1)).containsExactlyElementsOf(jobsOf(engine, urgent));
    }

    @Test
    void aJobLeftWithoutADueDateByAnEarlierVersionIsStillTaken() {
        ProcessEngine earlier = engine(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE, false);
        String instance = startOneMinuteApart(earlier, "queued", 1).get(0);
        assertThat(earlier.getManagementService().createJobQuery().processInstanceId(instance).singleResult().getDuedate()).isNull();

        ProcessEngine now = engine(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE, true);

        assertThat(acquire(now, 1)).containsExactlyElementsOf(jobsOf(now, List.of(instance)));
    }

    @Test
    void theAcquisitionQueryReadsTheJobsInItsOrderFromTheIndex() throws SQLException {
        ProcessEngine engine = engine(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE, true);

        assertThat(plan(engine)).contains(JobAcquisitionOrder.NAME);
    }

    @Test
    void withoutTheIndexTheAcquisitionQuerySortsEveryJob() throws SQLException {
        ProcessEngine engine = engine(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE, false);

        assertThat(plan(engine)).doesNotContain(JobAcquisitionOrder.NAME);
    }

    @Test
    void aSecondNodeStartingOnTheSameDatabaseKeepsTheIndex() throws SQLException {
        engine(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE, true);

        ProcessEngine second = engine(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE, true);

        assertThat(plan(second)).contains(JobAcquisitionOrder.NAME);
    }

    @Test
    void aSchemaTheEngineDoesNotManageIsLeftAsItIs() throws SQLException {
        engine(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE, false);

        ProcessEngine unmanaged = engine(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE, true);

        assertThat(plan(unmanaged)).doesNotContain(JobAcquisitionOrder.NAME);
    }

    private ProcessEngine engine(String schemaUpdate, boolean withOrder) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) new StandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl(url)
                .setDatabaseSchemaUpdate(schemaUpdate)
                .setHistory(ProcessEngineConfiguration.HISTORY_NONE)
                .setProcessEngineName("acquisition-" + engines.size() + "-" + UUID.randomUUID());
        configuration.setJobExecutor(new DefaultJobExecutor());
        configuration.setJobExecutorAcquireByPriority(true);
        if (withOrder) {
            configuration.getProcessEnginePlugins().add(new JobAcquisitionOrder());
        }
        ProcessEngine engine = configuration.buildProcessEngine();
        engines.add(engine);
        if (engine.getRepositoryService().createProcessDefinitionQuery().count() == 0) {
            engine.getRepositoryService().createDeployment()
                    .addModelInstance("queued.bpmn", Bpmn.createExecutableProcess("queued")
                            .startEvent().serviceTask("Task_Queued").camundaAsyncBefore().camundaExpression("${true}").endEvent().done())
                    .addModelInstance("urgent.bpmn", Bpmn.createExecutableProcess("urgent")
                            .startEvent().serviceTask("Task_Urgent").camundaAsyncBefore().camundaJobPriority("100")
                            .camundaExpression("${true}").endEvent().done())
                    .deploy();
        }
        return engine;
    }

    /**
     * Starts instances whose first jobs become due one minute apart, the last one now; each is created before the one
     * due just before it, so that neither id nor insertion order is due order. Returned earliest due first.
     */
    private static List<String> startOneMinuteApart(ProcessEngine engine, String process, int count) {
        List<String> earliestFirst = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            ClockUtil.setCurrentTime(new java.util.Date(now - i * 60_000L));
            earliestFirst.add(0, engine.getRuntimeService().startProcessInstanceByKey(process).getId());
        }
        ClockUtil.reset();
        return earliestFirst;
    }

    private static List<String> jobsOf(ProcessEngine engine, List<String> instances) {
        return instances.stream()
                .map(id -> engine.getManagementService().createJobQuery().processInstanceId(id).singleResult().getId()).toList();
    }

    private static List<String> acquire(ProcessEngine engine, int jobs) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        AcquiredJobs acquired = configuration.getCommandExecutorTxRequired()
                .execute(new AcquireJobsCmd(configuration.getJobExecutor(), jobs));
        return acquired.getJobIdBatches().stream().flatMap(List::stream).toList();
    }

    private static String plan(ProcessEngine engine) throws SQLException {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        try (Connection connection = configuration.getDataSource().getConnection();
             Statement explain = connection.createStatement();
             ResultSet plan = explain.executeQuery("explain " + ACQUISITION)) {
            plan.next();
            return plan.getString(1);
        }
    }
}
