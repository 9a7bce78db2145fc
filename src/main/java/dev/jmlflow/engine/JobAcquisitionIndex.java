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
 * The index that the job executor's acquisition query needs and Camunda's schema lacks. Acquiring by priority
 * ({@code job-executor-acquire-by-priority}, which the leaver's lane relies on) orders the due jobs by
 * {@code PRIORITY_}, and {@code ACT_RU_JOB} has no index on it: every acquisition read and sorted every job row, so
 * its cost grew with the queue (on H2, 12 ms per acquisition at 1,000 queued jobs, 42 ms at 20,000, several times a
 * second). With the index the database walks the jobs in priority order and stops at the first it may take, whatever
 * the queue's length (1-3 ms; {@code JobAcquisitionBenchmark} measures both).
 * <p>
 * Created when the engine manages its own schema ({@code database-schema-update} true, create-drop or drop-create), like
 * the engine's tables; where a DBA owns the schema, a missing index is logged with the statement to run.
 */
public class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

    static final String NAME = "JMLFLOW_IDX_JOB_ACQUISITION";

    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);
    private static final Set<String> ENGINE_MANAGES_SCHEMA = Set.of(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE,
            ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP, "drop-create");

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        String table = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
        String statement = "create index if not exists " + NAME + " on " + table + " (PRIORITY_ desc)";
        try (Connection connection = configuration.getDataSource().getConnection()) {
            if (exists(connection, table)) {
                return;
            }
            if (!ENGINE_MANAGES_SCHEMA.contains(configuration.getDatabaseSchemaUpdate())) {
                log.warn("the job acquisition index is missing, so acquiring jobs costs more the longer the queue; "
                        + "run as the schema's owner: {}", statement);
                return;
            }
            create(connection, table, statement);
        } catch (SQLException e) {
            throw new ProcessEngineException("could not create the job acquisition index: " + statement, e);
        }
    }

    private static void create(Connection connection, String table, String statement) throws SQLException {
        connection.setAutoCommit(true);
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
