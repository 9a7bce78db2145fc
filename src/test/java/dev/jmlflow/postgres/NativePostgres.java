package dev.jmlflow.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * JUnit extension sharing one {@link PostgresServer} across all test classes of a run; it is stopped when the
 * run ends. Spring tests get its coordinates through {@link #register(DynamicPropertyRegistry)}, in the form the
 * {@code postgres} profile reads them from the environment.
 */
public final class NativePostgres implements BeforeAllCallback {

    private static PostgresServer server;
    private static HikariDataSource pool;
    private static boolean stoppedAtTheEnd;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(NativePostgres.class, key -> (ExtensionContext.Store.CloseableResource) () -> {
                    synchronized (NativePostgres.class) {
                        if (pool != null) {
                            pool.close();
                            pool = null;
                        }
                        if (server != null) {
                            server.close();
                            server = null;
                        }
                    }
                });
        synchronized (NativePostgres.class) {
            stoppedAtTheEnd = true;
        }
        server();
    }

    static synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresServer.start();
        }
        return server;
    }

    /**
     * Pooled connections to the test database, for tests below Spring (a new PostgreSQL connection costs about
     * 100 ms here). Only for classes extended with this extension, which closes the pool before the server stops.
     */
    public static synchronized DataSource dataSource() {
        if (!stoppedAtTheEnd) {
            throw new IllegalStateException("extend the test class with @ExtendWith(NativePostgres.class)");
        }
        if (pool == null) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(server().jdbcUrl());
            config.setUsername(PostgresServer.USER);
            config.setPassword(server().password());
            config.setMaximumPoolSize(10);
            config.setPoolName("native-postgres-tests");
            pool = new HikariDataSource(config);
        }
        return pool;
    }

    /** The variables an operator sets for the {@code postgres} profile. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("JMLFLOW_DB_URL", () -> server().jdbcUrl());
        registry.add("JMLFLOW_DB_USER", () -> PostgresServer.USER);
        registry.add("JMLFLOW_DB_PASSWORD", () -> server().password());
    }

    /** A schema of its own on the shared server (use with this extension), for tests of plain JDBC code. */
    public static DataSource freshSchema() {
        PostgresServer pg = server();
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl(pg.jdbcUrl());
        database.setUser(PostgresServer.USER);
        database.setPassword(pg.password());
        String schema = "test_" + UUID.randomUUID().toString().replace("-", "");
        try (var connection = database.getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test schema", e);
        }
        database.setCurrentSchema(schema);
        return database;
    }
}
