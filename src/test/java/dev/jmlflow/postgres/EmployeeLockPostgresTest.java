package dev.jmlflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.engine.EmployeeLock;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The per-employee request lock on a real PostgreSQL 15, migrated by the real Flyway scripts. */
@ExtendWith(NativePostgres.class)
class EmployeeLockPostgresTest {

    private static DataSource database;

    @BeforeAll
    static void migrate() {
        database = NativePostgres.freshSchema();
        Flyway.configure().dataSource(database).baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }

    @Test
    void aSecondTransactionWaitsForTheFirstOnAPersonNeverLockedBefore() throws Exception {
        assertSecondWaitsForFirst("E9001");
    }

    @Test
    void aSecondTransactionWaitsForTheFirstOnAPersonLockedBefore() throws Exception {
        try (Connection earlier = database.getConnection()) {
            EmployeeLock.hold(earlier, "E9002");
        }
        assertSecondWaitsForFirst("E9002");
    }

    @Test
    void locksOfDifferentPeopleDoNotWaitForEachOther() throws Exception {
        try (Connection first = transaction(); Connection second = transaction()) {
            EmployeeLock.hold(first, "E9003");
            CompletableFuture.runAsync(() -> hold(second, "E9004")).get(10, TimeUnit.SECONDS);
            first.rollback();
            second.rollback();
        }
    }

    private void assertSecondWaitsForFirst(String employeeId) throws Exception {
        try (Connection first = transaction(); Connection second = transaction()) {
            EmployeeLock.hold(first, employeeId);
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> hold(second, employeeId));

            Thread.sleep(500);
            assertThat(waiting).as("the second lock, while the first transaction is open").isNotDone();
            first.commit();
            waiting.get(10, TimeUnit.SECONDS);
            second.rollback();
        }
    }

    private static Connection transaction() throws java.sql.SQLException {
        Connection connection = database.getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    private static void hold(Connection connection, String employeeId) {
        try {
            EmployeeLock.hold(connection, employeeId);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
