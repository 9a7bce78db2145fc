package dev.jmlflow.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.postgres.NativePostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The link store on H2 and on a real PostgreSQL; races only where they can be run for real: on PostgreSQL. */
class IdentityLinkStoreTest {

    @Nested
    class OnH2 extends IdentityLinkStoreContract {
        @Override
        TestDatabase database() {
            return TestDatabase.H2;
        }
    }

    @Nested
    @ExtendWith(NativePostgres.class)
    class OnPostgres extends IdentityLinkStoreContract {
        @Override
        TestDatabase database() {
            return TestDatabase.POSTGRES;
        }

        @Test
        void twoFirstSavesOfOneLinkAtTheSameTimeBothCommit() throws Exception {
            AccountLink first = link("id-a", LinkState.ACTIVE);
            AccountLink second = link("id-b", LinkState.DEACTIVATED);

            AccountLink seenBySecond = race(() -> store.save(first), () -> {
                store.save(second);
                // a statement after the upsert: the transaction is still usable (no SQLSTATE 25P02)
                return store.find("cortex", "E-RACE").orElseThrow();
            });

            assertThat(seenBySecond).isEqualTo(second);
            assertThat(store.find("cortex", "E-RACE")).contains(second);
        }

        @Test
        void aCreateAttemptRacingTheFirstSaveOfTheLinkCommitsAndKeepsTheLink() throws Exception {
            AccountLink saved = link("id-a", LinkState.ACTIVE);

            race(() -> store.save(saved), () -> {
                store.recordCreateAttempt("cortex", "E-RACE", "race@example.com");
                return store.pendingCreate("cortex", "E-RACE").orElseThrow();
            });

            assertThat(store.find("cortex", "E-RACE")).contains(saved);
            assertThat(store.pendingCreate("cortex", "E-RACE")).isPresent();
        }

        private AccountLink link(String scimId, LinkState state) {
            return new AccountLink("cortex", "E-RACE", scimId, "race@example.com", AccountOrigin.CREATED, state,
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
        }

        /**
         * Runs {@code first} in a transaction and, before it commits, {@code second} in another one on another thread;
         * commits the first only once the second waits for its row lock. Returns what the second transaction saw.
         */
        private <T> T race(Runnable first, Supplier<T> second) throws Exception {
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                Future<T> contender = transactions.execute(status -> {
                    first.run();
                    Future<T> started = thread.submit(() -> transactions.execute(inner -> second.get()));
                    awaitLockWait(started);
                    return started;
                });
                return contender.get(10, TimeUnit.SECONDS);
            } finally {
                thread.shutdownNow();
            }
        }

        /** Until another session of this database waits for a lock (or the contender already finished). */
        private void awaitLockWait(Future<?> contender) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            try (Connection watcher = dataSource.getConnection(); var statement = watcher.createStatement()) {
                while (System.nanoTime() < deadline && !contender.isDone()) {
                    try (ResultSet waiting = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
                        waiting.next();
                        if (waiting.getInt(1) > 0) {
                            return;
                        }
                    }
                    Thread.sleep(10);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!contender.isDone()) {
                throw new AssertionError("the second transaction never waited for the first one's row");
            }
        }
    }
}
