package dev.jmlflow.engine;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order in which the job executor takes due jobs: by priority (the leaver's lane relies on it), and among equal
 * priorities first due, first taken. Camunda's default takes equal priorities in no particular order, so under a
 * queue of 10,000 approved joiners every joiner advanced one step at a time and the first approved waited for nearly
 * the whole batch, each job touching rows of another request (on H2, mostly pages not in its cache).
 * <p>
 * First due, first taken needs a due date on every job ({@code ensureJobDueDateNotNull}: Camunda then gives an
 * async step the time it was created and leaves out of acquisition any job without one, so a job left without one
 * by an earlier version is given its creation time at start) and ordering by it ({@code jobExecutorAcquireByDueDate}).
 * And it needs an index that Camunda's schema lacks: without one on {@code ACT_RU_JOB (PRIORITY_ desc, DUEDATE_)},
 * every acquisition read and sorted every queued job (on H2, 13 ms at 1,000 queued jobs, 49 ms at 20,000, several
 * times a second); with it the database walks the jobs in that order and stops at the first it may take
 * ({@code JobAcquisitionBenchmark} measures both). The index is created when the engine manages its own schema
 * ({@code database-schema-update} true, create-drop or drop-create), like the engine's tables; where a DBA owns the
 * schema, a missing index is logged with the statement to run.
 */
public class JobAcquisitionOrder extends AbstractProcessEnginePlugin {

    static final String NAME = "JMLFLOW_IDX_JOB_DUE_ORDER";

    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionOrder.class);
    private static final Set<String> ENGINE_MANAGES_SCHEMA = Set.of(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE,
            ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP, "drop-create");

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setJobExecutorAcquireByPriority(true);
        configuration.setJobExecutorAcquireByDueDate(true);
        configuration.setEnsureJobDueDateNotNull(true);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        String table = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
        String index = "create index if not exists " + NAME + " on " + table + " (PRIORITY_ desc, DUEDATE_)";
        try (Connection connection = configuration.getDataSource().getConnection()) {
            connection.setAutoCommit(true);
            dateUndatedJobs(connection, table);
            if (exists(connection, table)) {
                return;
            }
            if (!ENGINE_MANAGES_SCHEMA.contains(configuration.getDatabaseSchemaUpdate())) {
                log.warn("the job acquisition index is missing, so acquiring jobs costs more the longer the queue; "
                        + "run as the schema's owner: {}", index);
                return;
            }
            create(connection, table, index);
        } catch (SQLException e) {
            throw new ProcessEngineException("could not prepare the job acquisition order: " + index, e);
        }
    }

    /** Jobs without a due date (written before this order) would never be acquired again. */
    private static void dateUndatedJobs(Connection connection, String table) throws SQLException {
        try (Statement update = connection.createStatement()) {
            int dated = update.executeUpdate("update " + table + " set DUEDATE_ = coalesce(CREATE_TIME_, current_timestamp)"
                    + " where DUEDATE_ is null");
            if (dated > 0) {
                log.info("gave {} jobs without a due date their creation time, so that they are still acquired", dated);
            }
        }
    }

    private static void create(Connection connection, String table, String statement) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute(statement);
        } catch (SQLException e) {
            // another node of the cluster created it at the same moment (PostgreSQL: unique violation in pg_class)
            if (!exists(connection, table)) {
                throw e;
            }
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        // unquoted names are stored upper case by H2 and lower case by PostgreSQL
        for (String name : new LinkedHashSet<>(List.of(table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)))) {
            String schema = name.contains(".") ? name.substring(0, name.indexOf('.')) : null;
            String bare = name.substring(name.indexOf('.') + 1);
            try (ResultSet indexes = metaData.getIndexInfo(null, schema, bare, false, true)) {
                while (indexes.next()) {
                    if (NAME.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
