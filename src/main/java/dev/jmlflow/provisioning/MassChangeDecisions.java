package dev.jmlflow.provisioning;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The app owner's side of a mass-change hold on the shared database: what is held, the one claim per hold to open
 * the task and send the mail, and the answers "allow N more" and "stop". Under the same row lock as
 * {@link MassChangeStore}'s admissions, each in a transaction of its own.
 */
@Repository
public class MassChangeDecisions {

    /** A held change as the app owner's task lists it. */
    public record HeldChange(String employeeId, String operation, String group, Instant since) {
    }

    private final JdbcClient jdbc;
    private final MassChangeGuardRows rows;
    private final TransactionTemplate ownTransaction;
    private final MassChangeGuardProperties properties;
    private final Clock clock;

    @Autowired
    public MassChangeDecisions(DataSource dataSource, PlatformTransactionManager transactions, MassChangeGuardProperties properties) {
        this(dataSource, transactions, properties, Clock.systemUTC());
    }

    MassChangeDecisions(DataSource dataSource, PlatformTransactionManager transactions, MassChangeGuardProperties properties,
                        Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.rows = new MassChangeGuardRows(jdbc, properties);
        this.ownTransaction = MassChangeGuardRows.ownTransaction(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    /** "Allow N more": the next {@code more} held (or new) changes go through, however full the window is. */
    public void allow(String target, int more) {
        ownTransaction.executeWithoutResult(status -> rows.ensure(target));
        ownTransaction.executeWithoutResult(status -> {
            int allowance = rows.lock(target);
            int counted = rows.countedInWindow(target, clock.instant());
            // raise the limit to what is counted now plus N, never lower it
            int raised = Math.max(allowance, counted - properties.threshold()) + more;
            jdbc.sql("UPDATE jml_mass_change_guard SET allowance = ?, hold_started_at = NULL, alert_pending = FALSE"
                    + " WHERE target = ?").params(raised, target).update();
        });
    }

    /** "Stop": every held change of the target is refused; their jobs fail into incidents on their next run. */
    public void stop(String target) {
        ownTransaction.executeWithoutResult(status -> rows.ensure(target));
        ownTransaction.executeWithoutResult(status -> {
            rows.lock(target);
            jdbc.sql("UPDATE jml_mass_change SET state = 'STOPPED' WHERE target = ? AND state = 'HELD'").param(target).update();
            jdbc.sql("UPDATE jml_mass_change_guard SET hold_started_at = NULL, alert_pending = FALSE WHERE target = ?")
                    .param(target).update();
        });
    }

    public List<HeldChange> held(String target) {
        return jdbc.sql("SELECT employee_id, operation, group_name, since FROM jml_mass_change"
                        + " WHERE target = ? AND state = 'HELD' ORDER BY since, employee_id")
                .param(target)
                .query((rs, row) -> new HeldChange(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** True for the one node that may open the app owner's task and send the mail of the current hold. */
    public boolean claimHoldAlert(String target) {
        return Boolean.TRUE.equals(ownTransaction.execute(status -> jdbc.sql("UPDATE jml_mass_change_guard"
                + " SET alert_pending = FALSE WHERE target = ? AND alert_pending = TRUE").param(target).update() == 1));
    }

    /** The claimed task could not be opened: the next held admission of the current hold claims it again. */
    public void rearmHoldAlert(String target) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("UPDATE jml_mass_change_guard SET alert_pending = TRUE"
                + " WHERE target = ? AND hold_started_at IS NOT NULL").param(target).update());
    }
}
