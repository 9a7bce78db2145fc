package dev.jmlflow.provisioning;

import dev.jmlflow.postgres.NativePostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** The databases the link store runs on: H2 (a laptop, the sandbox) and PostgreSQL (production, several nodes). */
enum TestDatabase {

    /** A new in-memory database migrated by the real Flyway scripts. */
    H2 {
        @Override
        DataSource migrated() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:" + uniqueName() + ";DB_CLOSE_DELAY=-1");
            Flyway.configure().dataSource(ds).load().migrate();
            return ds;
        }
    },

    /**
     * A new schema on the shared native server (the test class needs {@code @ExtendWith(NativePostgres.class)}),
     * whose tables are copies of a schema the real Flyway scripts migrated once per run: Flyway itself takes most of a
     * second per schema here. A statement that waits for a lock longer than {@link #LOCK_TIMEOUT} fails, so a
     * transaction waiting for a row its own thread holds fails the test in seconds instead of hanging it.
     */
    POSTGRES {
        @Override
        DataSource migrated() {
            DataSource server = NativePostgres.dataSource();
            String template = PostgresTemplate.schema(server);
            String name = uniqueName();
            JdbcClient jdbc = JdbcClient.create(server);
            jdbc.sql("CREATE SCHEMA " + name).update();
            jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'"
                            + " AND table_name <> 'flyway_schema_history'")
                    .param(template).query(String.class).list()
                    .forEach(table -> jdbc.sql("CREATE TABLE " + name + "." + table
                            + " (LIKE " + template + "." + table + " INCLUDING ALL)").update());
            return inSchema(server, name);
        }
    };

    static final String LOCK_TIMEOUT = "2s";

    abstract DataSource migrated();

    private static String uniqueName() {
        return "links_" + UUID.randomUUID().toString().replace('-', '_');
    }

    /** Connections of the shared pool that see only {@code schema} and give up waiting for a lock after a while. */
    private static DataSource inSchema(DataSource server, String schema) {
        return new DelegatingDataSource(server) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET search_path TO " + schema + "; SET lock_timeout = '" + LOCK_TIMEOUT + "'");
                }
                return connection;
            }
        };
    }

    private static final class PostgresTemplate {

        private static String schema;

        static synchronized String schema(DataSource server) {
            if (schema == null) {
                String name = uniqueName();
                JdbcClient.create(server).sql("CREATE SCHEMA " + name).update();
                Flyway.configure().dataSource(inSchema(server, name)).load().migrate();
                schema = name;
            }
            return schema;
        }
    }
}
