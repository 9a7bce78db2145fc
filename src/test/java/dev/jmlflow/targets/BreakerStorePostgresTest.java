package dev.jmlflow.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.postgres.NativePostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The breaker's table on a real PostgreSQL, where a failed INSERT aborts the transaction it ran in: two nodes that
 * both find no row for a target both insert one, and the loser must still count its failure.
 */
@ExtendWith(NativePostgres.class)
class BreakerStorePostgresTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final DataSource database = NativePostgres.freshSchema();

    @Test
    void aFailureCountedWhileAnotherNodeCreatesTheTargetsRowIsNotLost() throws Exception {
        Flyway.configure().dataSource(database).load().migrate();
        BreakerStore store = new BreakerStore(database, new DataSourceTransactionManager(database));
        try (Connection otherNode = database.getConnection()) {
            otherNode.setAutoCommit(false);
            try (PreparedStatement insert = otherNode.prepareStatement("INSERT INTO jml_target_breaker"
                    + " (target, state, consecutive_failures, alert_pending, updated_at) VALUES ('cortex', 'CLOSED', 0, FALSE, ?)")) {
                insert.setTimestamp(1, Timestamp.from(NOW));
                insert.executeUpdate();
            }
            // this node sees no row yet, so it inserts one too and waits for the other node's row
            CompletableFuture<Boolean> opened = CompletableFuture.supplyAsync(
                    () -> store.recordFailure("cortex", "HTTP 503", 1, NOW, NOW.plus(Duration.ofMinutes(5))));
            awaitAnInsertWaitingForALock();
            otherNode.commit();

            assertThat(opened.get(30, TimeUnit.SECONDS)).as("this failure opened the breaker").isTrue();
        }
        assertThat(store.find("cortex").open()).isTrue();
        assertThat(store.find("cortex").consecutiveFailures()).isEqualTo(1);
    }

    private void awaitAnInsertWaitingForALock() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            // a connection of its own: pg_stat_activity is a snapshot taken once per transaction
            try (Connection observer = database.getConnection(); PreparedStatement waiting = observer.prepareStatement(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO jml_target_breaker%'");
                 ResultSet rows = waiting.executeQuery()) {
                rows.next();
                if (rows.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the second INSERT never waited for the first");
    }
}
