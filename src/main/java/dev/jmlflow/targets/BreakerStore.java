package dev.jmlflow.targets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The breakers of all targets (table {@code jml_target_breaker}, Flyway V7), shared by every node. Each write
 * commits in a transaction of its own: the caller is usually a Camunda job whose transaction rolls back exactly
 * when a call failed, and a long job transaction must not hold the target's row locked.
 */
@Repository
public class BreakerStore {

    private static final int MAX_REASON = 1000;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    @Autowired
    public BreakerStore(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = JdbcClient.create(dataSource);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public BreakerState find(String target) {
        return jdbc.sql("SELECT * FROM jml_target_breaker WHERE target = ?").param(target)
                .query(BreakerStore::toState).optional().orElseGet(() -> BreakerState.closed(target));
    }

    /**
     * Counts one more failure and opens the breaker when the count reaches {@code threshold} (0: at once). True only
     * for the one caller whose UPDATE turned this CLOSED breaker OPEN.
     */
    boolean recordFailure(String target, String reason, int threshold, Instant now, Instant nextProbe) {
        // on PostgreSQL an INSERT that loses the race aborts its transaction, so the row is made in one of its own
        ownTransaction.executeWithoutResult(status -> ensureRow(target, now));
        return Boolean.TRUE.equals(ownTransaction.execute(status -> {
            jdbc.sql("UPDATE jml_target_breaker SET consecutive_failures = consecutive_failures + 1, reason = ?,"
                            + " updated_at = ? WHERE target = ? AND state = 'CLOSED'")
                    .params(trim(reason), ts(now), target).update();
            return jdbc.sql("UPDATE jml_target_breaker SET state = 'OPEN', opened_at = ?, next_probe_at = ?,"
                            + " alert_pending = TRUE, updated_at = ?"
                            + " WHERE target = ? AND state = 'CLOSED' AND consecutive_failures >= ?")
                    .params(ts(now), ts(nextProbe), ts(now), target, threshold).update() == 1;
        }));
    }

    /** The target answered: the run of failures is over. */
    void recordSuccess(String target, Instant now) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("UPDATE jml_target_breaker SET consecutive_failures = 0,"
                        + " updated_at = ? WHERE target = ? AND state = 'CLOSED' AND consecutive_failures > 0")
                .params(ts(now), target).update());
    }

    /** True for the one node that may send the alert of the current opening. */
    boolean claimAlert(String target, Instant now) {
        return update("UPDATE jml_target_breaker SET alert_pending = FALSE, updated_at = ?"
                + " WHERE target = ? AND state = 'OPEN' AND alert_pending = TRUE", ts(now), target);
    }

    /** The alert could not be sent: let the next supervision (on any node) try again. */
    void releaseAlert(String target, Instant now) {
        update("UPDATE jml_target_breaker SET alert_pending = TRUE, updated_at = ? WHERE target = ? AND state = 'OPEN'",
                ts(now), target);
    }

    /** True for the one node that runs the half-open probe that is due; the next one is due at {@code nextProbe}. */
    boolean claimProbe(String target, Instant now, Instant nextProbe) {
        return update("UPDATE jml_target_breaker SET next_probe_at = ?, updated_at = ?"
                + " WHERE target = ? AND state = 'OPEN' AND next_probe_at <= ?", ts(nextProbe), ts(now), target, ts(now));
    }

    /** True when this call closed an OPEN breaker. */
    boolean close(String target, Instant now) {
        return update("UPDATE jml_target_breaker SET state = 'CLOSED', consecutive_failures = 0, reason = NULL,"
                + " opened_at = NULL, next_probe_at = NULL, alert_pending = FALSE, updated_at = ?"
                + " WHERE target = ? AND state = 'OPEN'", ts(now), target);
    }

    private boolean update(String sql, Object... params) {
        return Boolean.TRUE.equals(ownTransaction.execute(status -> jdbc.sql(sql).params(params).update() == 1));
    }

    private void ensureRow(String target, Instant now) {
        if (jdbc.sql("SELECT COUNT(*) FROM jml_target_breaker WHERE target = ?").param(target).query(Integer.class).single() > 0) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO jml_target_breaker (target, state, consecutive_failures, alert_pending, updated_at)"
                    + " VALUES (?, 'CLOSED', 0, FALSE, ?)").params(target, ts(now)).update();
        } catch (DuplicateKeyException raced) {
            // another node created it first
        }
    }

    private static String trim(String reason) {
        return reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 3) + "...";
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static BreakerState toState(ResultSet rs, int row) throws SQLException {
        return new BreakerState(rs.getString("target"), "OPEN".equals(rs.getString("state")),
                rs.getInt("consecutive_failures"), rs.getString("reason"), instant(rs, "opened_at"),
                instant(rs, "next_probe_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
