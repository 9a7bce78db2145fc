package dev.jmlflow.provisioning;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Serialises the read-modify-PUT of one whole group across nodes (table {@code jml_group_write_lock}, Flyway V10).
 * A row lock, not an optimistic version check: Coginiti gives no ETag or version, so a lost update cannot be
 * detected before it happens, only afterwards by the read-back, and then another node's member is already gone.
 * The lock is taken in a transaction of its own (never the job's, whose locks must not be held across SCIM calls)
 * and held across read, PUT and read-back; it is released on commit or when the connection dies with its node.
 */
final class GroupWriteLock {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    GroupWriteLock(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Runs {@code write} while this node alone may write the group; other nodes wait at the row. */
    void holding(String target, String groupId, Runnable write) {
        insertOnFirstUse(target, groupId);
        ownTransaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT target FROM jml_group_write_lock WHERE target = ? AND group_id = ? FOR UPDATE")
                    .params(target, groupId).query(String.class).single();
            write.run();
            jdbc.sql("UPDATE jml_group_write_lock SET last_write_at = ? WHERE target = ? AND group_id = ?")
                    .params(Timestamp.from(Instant.now(clock)), target, groupId).update();
        });
    }

    private void insertOnFirstUse(String target, String groupId) {
        try {
            // own transaction: a lost insert race aborts the transaction on PostgreSQL
            ownTransaction.executeWithoutResult(status -> jdbc.sql("INSERT INTO jml_group_write_lock (target, group_id)"
                            + " SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM jml_group_write_lock WHERE target = ? AND group_id = ?)")
                    .params(target, groupId, target, groupId).update());
        } catch (DuplicateKeyException raced) {
            // another node inserted the row first; it exists now, which is all the lock needs
        }
    }
}
