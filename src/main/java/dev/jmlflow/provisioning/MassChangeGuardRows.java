package dev.jmlflow.provisioning;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The guard's rows (Flyway V9) as both the admission and the app owner's decisions read and lock them. */
final class MassChangeGuardRows {

    private final JdbcClient jdbc;
    private final MassChangeGuardProperties properties;

    MassChangeGuardRows(JdbcClient jdbc, MassChangeGuardProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Guard writes commit on their own, whatever the caller's transaction (a job) does later. */
    static TransactionTemplate ownTransaction(PlatformTransactionManager transactions) {
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return own;
    }

    /** In a transaction of its own: on PostgreSQL a failed INSERT would spoil the transaction that counts. */
    void ensure(String target) {
        if (jdbc.sql("SELECT COUNT(*) FROM jml_mass_change_guard WHERE target = ?").param(target).query(Integer.class).single() > 0) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO jml_mass_change_guard (target, allowance, alert_pending) VALUES (?, 0, FALSE)")
                    .param(target).update();
        } catch (DuplicateKeyException raced) {
            // another node made it first
        }
    }

    /** Locks the target's guard row until the transaction ends; its allowance. */
    int lock(String target) {
        return jdbc.sql("SELECT allowance FROM jml_mass_change_guard WHERE target = ? FOR UPDATE")
                .param(target).query(Integer.class).single();
    }

    int countedInWindow(String target, Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM jml_mass_change WHERE target = ? AND state = 'COUNTED' AND since > ?")
                .params(target, Timestamp.from(now.minus(properties.window()))).query(Integer.class).single();
    }
}
