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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobAcquisitionIndexTest {

    /** The shape of Camunda's acquisition query when it acquires by priority (Job.xml, selectNextJobsToExecute). */
    static final String ACQUISITION = "select RES.ID_ from ACT_RU_JOB RES where RES.RETRIES_ > 0"
            + " and (RES.DUEDATE_ is null or RES.DUEDATE_ <= CURRENT_TIMESTAMP)"
            + " and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < CURRENT_TIMESTAMP) and RES.SUSPENSION_STATE_ = 1"
            + " order by RES.PRIORITY_ desc limit 3";

    private final String url = "jdbc:h2:mem:acquisition-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final List<ProcessEngine> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(ProcessEngine::close);
    }

    @Test
    void theAcquisitionQueryReadsTheJobsInPriorityOrderFromTheIndex() throws SQLException {
        ProcessEngine engine = engine(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE, true);

        assertThat(plan(engine)).contains(JobAcquisitionIndex.NAME);
    }

    @Test
    void withoutTheIndexTheAcquisitionQuerySortsEveryJob() throws SQLException {
        ProcessEngine engine = engine(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE, false);

        assertThat(plan(engine)).doesNotContain(JobAcquisitionIndex.NAME);
    }

    @Test
    void aSecondNodeStartingOnTheSameDatabaseKeepsTheIndex() throws SQLException {
        engine(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE, true);

        ProcessEngine second = engine(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE, true);

        assertThat(plan(second)).contains(JobAcquisitionIndex.NAME);
    }

    @Test
    void aSchemaTheEngineDoesNotManageIsLeftAsItIs() throws SQLException {
        engine(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE, false);

        ProcessEngine unmanaged = engine(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE, true);

        assertThat(plan(unmanaged)).doesNotContain(JobAcquisitionIndex.NAME);
    }

    private ProcessEngine engine(String schemaUpdate, boolean withIndex) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) new StandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl(url)
                .setDatabaseSchemaUpdate(schemaUpdate)
                .setHistory(ProcessEngineConfiguration.HISTORY_NONE)
                .setProcessEngineName("acquisition-" + engines.size() + "-" + UUID.randomUUID());
        configuration.setJobExecutorAcquireByPriority(true);
        if (withIndex) {
            configuration.getProcessEnginePlugins().add(new JobAcquisitionIndex());
        }
        ProcessEngine engine = configuration.buildProcessEngine();
        engines.add(engine);
        return engine;
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
