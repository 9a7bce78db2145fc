package dev.jmlflow.provisioning;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The leaver's race-free cut-off (table {@code jml_access_fence}, Flyway V3). Every write that creates an account or
 * grants access is admitted first: a short transaction locks the employee's fence row for that target
 * ({@code SELECT ... FOR UPDATE}, the row inserted on first use) and stamps {@code admitted_at}, and for a create it
 * also records the attempt. The leaver's {@link #cut} updates every target's row in one transaction, so it waits
 * for each admission in progress: an admitted write has its attempt committed before the cut is, and every
 * admission after the cut is refused. Rows are per target, so jobs for different targets never wait for each other.
 * Portable SQL only (H2 and PostgreSQL); a lost insert race is retried in a new transaction, never in the aborted one.
 */
@Repository
public class AccessFence {

    private static final int RACE_ATTEMPTS = 5;

    private record Row(Instant cutAt, String leaverInstance) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    @Autowired
    public AccessFence(DataSource dataSource, PlatformTransactionManager transactions) {
        this(JdbcClient.create(dataSource), Clock.systemUTC(), transactions);
    }

    AccessFence(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Admits a write that grants access (a membership, a reactivation), committed before the write is sent. */
    public void admitWrite(String target, String employeeId) {
        retryingRaces(() -> ownTransaction.executeWithoutResult(status -> admit(target, employeeId)));
    }

    /**
     * Cuts the employee's access on every target, committed on return. Idempotent: a target cut earlier keeps its
     * first cut-off time.
     */
    public void cut(String employeeId, String leaverInstance, Collection<String> targets) {
        retryingRaces(() -> ownTransaction.executeWithoutResult(status -> targets.stream().sorted().distinct()
                .forEach(target -> cutTarget(employeeId, leaverInstance, target))));
    }

    /** Lifts this leaver's cut-off (when it ends), so that a later rehire can be provisioned. */
    public void lift(String employeeId, String leaverInstance) {
        jdbc.sql("DELETE FROM jml_access_fence WHERE employee_id = ? AND leaver_instance = ?")
                .params(employeeId, leaverInstance).update();
    }

    /** When a write for the employee on this target was last admitted; a write sent then may still land. */
    public Optional<Instant> lastAdmission(String target, String employeeId) {
        return jdbc.sql("SELECT admitted_at FROM jml_access_fence WHERE employee_id = ? AND target = ?")
                .params(employeeId, target)
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .optional().flatMap(at -> at);
    }

    /** Inside the caller's transaction: locks the fence row, refuses when cut, stamps the admission. */
    void admit(String target, String employeeId) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        List<Row> rows = jdbc.sql("SELECT cut_at, leaver_instance FROM jml_access_fence"
                        + " WHERE employee_id = ? AND target = ? FOR UPDATE")
                .params(employeeId, target)
                .query((rs, n) -> new Row(rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant(), rs.getString(2)))
                .list();
        if (rows.isEmpty()) {
            jdbc.sql("INSERT INTO jml_access_fence (employee_id, target, admitted_at) VALUES (?, ?, ?)")
                    .params(employeeId, target, now).update();
            return;
        }
        Row fence = rows.get(0);
        if (fence.cutAt() != null) {
            throw new AccessFencedException(target, "the access of employee " + employeeId + " was cut at "
                    + fence.cutAt() + " by leaver " + fence.leaverInstance()
                    + "; this request was superseded and nothing was sent");
        }
        jdbc.sql("UPDATE jml_access_fence SET admitted_at = ? WHERE employee_id = ? AND target = ?")
                .params(now, employeeId, target).update();
    }

    /** Inside the caller's transaction: the cut-off of one target. */
    void cutTarget(String employeeId, String leaverInstance, String target) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        // waits for an admission holding the row; a row cut before keeps its time
        int cut = jdbc.sql("UPDATE jml_access_fence SET cut_at = ?, leaver_instance = ?"
                        + " WHERE employee_id = ? AND target = ? AND cut_at IS NULL")
                .params(now, leaverInstance, employeeId, target).update();
        if (cut > 0 || exists(employeeId, target)) {
            return;
        }
        // an admission inserting the row concurrently makes this wait, then fail as a duplicate: retried whole
        jdbc.sql("INSERT INTO jml_access_fence (employee_id, target, cut_at, leaver_instance) VALUES (?, ?, ?, ?)")
                .params(employeeId, target, now, leaverInstance).update();
    }

    private boolean exists(String employeeId, String target) {
        return jdbc.sql("SELECT COUNT(*) FROM jml_access_fence WHERE employee_id = ? AND target = ?")
                .params(employeeId, target).query(Integer.class).single() > 0;
    }

    /** Runs a whole own transaction again when it lost an insert race (on PostgreSQL that aborts the transaction). */
    static void retryingRaces(Runnable transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.run();
                return;
            } catch (DuplicateKeyException | ConcurrencyFailureException raced) {
                if (attempt == RACE_ATTEMPTS) {
                    throw raced;
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(10L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying the access fence", e);
        }
    }
}
