package dev.jmlflow.provisioning;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mass-change guard on the shared database (Flyway V9). Each admission counts the target's window under a lock
 * on the target's guard row (SELECT ... FOR UPDATE), in a transaction of its own, so two nodes never both admit
 * the change that fills the window, and a job that rolls back later does not undo the count: the change was sent.
 * A change already counted in the window is admitted again without counting twice (a retried job).
 */
@Repository
@EnableConfigurationProperties(MassChangeGuardProperties.class)
public class MassChangeStore implements MassChangeGuard {

    private static final Logger log = LoggerFactory.getLogger(MassChangeStore.class);

    /** A held change as the app owner's task lists it. */
    public record HeldChange(String employeeId, String operation, String group, Instant since) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final MassChangeGuardProperties properties;
    private final ImmediateLeavers immediateLeavers;
    private final MassChangeAlerts alerts;
    private final Clock clock;

    @Autowired
    public MassChangeStore(DataSource dataSource, PlatformTransactionManager transactions,
                           MassChangeGuardProperties properties, ObjectProvider<ImmediateLeavers> immediateLeavers,
                           ObjectProvider<MassChangeAlerts> alerts) {
        // resolved on use: both sit above this layer and need the engine, which needs the provisioning beans
        this(dataSource, transactions, properties, id -> immediateLeavers.getObject().isLeavingImmediately(id),
                new MassChangeAlerts() {
                    @Override
                    public void immediateLeaverOverThreshold(DestructiveChange change, int counted, int threshold) {
                        alerts.getObject().immediateLeaverOverThreshold(change, counted, threshold);
                    }

                    @Override
                    public void changeHeld(String target) {
                        alerts.getObject().changeHeld(target);
                    }
                }, Clock.systemUTC());
    }

    MassChangeStore(DataSource dataSource, PlatformTransactionManager transactions, MassChangeGuardProperties properties,
                    ImmediateLeavers immediateLeavers, MassChangeAlerts alerts, Clock clock) {
        this.immediateLeavers = immediateLeavers;
        this.alerts = alerts;
        this.jdbc = JdbcClient.create(dataSource);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void admit(DestructiveChange change) {
        Instant now = clock.instant();
        ownTransaction.executeWithoutResult(status -> ensureGuardRow(change.target()));
        Outcome outcome = ownTransaction.execute(status -> decide(change, now));
        if (outcome.overThreshold() > 0) {
            // an immediate leaver is never held, but ops must know it pushed the target over the threshold
            log.warn("target {}: immediate leaver {} passed the mass-change guard over its threshold ({} of {} in {})",
                    change.target(), change.employeeId(), outcome.overThreshold(), properties.threshold(), properties.window());
            alerts.immediateLeaverOverThreshold(change, outcome.overThreshold(), properties.threshold());
        }
        if (outcome.refusal() instanceof MassChangeHeldException) {
            alerts.changeHeld(change.target());
        }
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
    }

    /** What one admission decided: a refusal to throw, or the count an immediate leaver pushed over the limit. */
    private record Outcome(RuntimeException refusal, int overThreshold) {

        static final Outcome PASS = new Outcome(null, 0);
    }

    private Outcome decide(DestructiveChange change, Instant now) {
        int allowance = lockGuardRow(change.target());
        Optional<String> state = stateOf(change);
        if (state.filter("STOPPED"::equals).isPresent()) {
            // refused once (the job becomes an incident); a retry from Cockpit is ops' decision to send it
            record(change, "RELEASED", now, true);
            return new Outcome(new MassChangeStoppedException(change), 0);
        }
        if (state.filter("RELEASED"::equals).isPresent()) {
            record(change, "COUNTED", now, true);
            return Outcome.PASS;
        }
        int counted = countedInWindow(change.target(), now);
        if (state.filter("COUNTED"::equals).isPresent() && countedSince(change).isAfter(now.minus(properties.window()))) {
            return Outcome.PASS;
        }
        if (counted < properties.threshold() + allowance) {
            record(change, "COUNTED", now, state.isPresent());
            return Outcome.PASS;
        }
        if (immediateLeavers.isLeavingImmediately(change.employeeId())) {
            record(change, "COUNTED", now, state.isPresent());
            return new Outcome(null, counted + 1);
        }
        if (state.isEmpty()) {
            record(change, "HELD", now, false);
        }
        jdbc.sql("UPDATE jml_mass_change_guard SET hold_started_at = ?, alert_pending = TRUE"
                + " WHERE target = ? AND hold_started_at IS NULL").params(ts(now), change.target()).update();
        return new Outcome(new MassChangeHeldException(change, counted, properties.recheck()), 0);
    }

    /** "Allow N more": the next {@code more} held (or new) changes go through, however full the window is. */
    public void allow(String target, int more) {
        ownTransaction.executeWithoutResult(status -> ensureGuardRow(target));
        ownTransaction.executeWithoutResult(status -> {
            int allowance = lockGuardRow(target);
            int counted = countedInWindow(target, clock.instant());
            // raise the limit to what is counted now plus N, never lower it
            int raised = Math.max(allowance, counted - properties.threshold()) + more;
            jdbc.sql("UPDATE jml_mass_change_guard SET allowance = ?, hold_started_at = NULL, alert_pending = FALSE"
                    + " WHERE target = ?").params(raised, target).update();
        });
    }

    /** "Stop": every held change of the target is refused; their jobs fail into incidents on their next run. */
    public void stop(String target) {
        ownTransaction.executeWithoutResult(status -> ensureGuardRow(target));
        ownTransaction.executeWithoutResult(status -> {
            lockGuardRow(target);
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

    /** In a transaction of its own: on PostgreSQL a failed INSERT would spoil the transaction that counts. */
    private void ensureGuardRow(String target) {
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

    private int lockGuardRow(String target) {
        return jdbc.sql("SELECT allowance FROM jml_mass_change_guard WHERE target = ? FOR UPDATE")
                .param(target).query(Integer.class).single();
    }

    private int countedInWindow(String target, Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM jml_mass_change WHERE target = ? AND state = 'COUNTED' AND since > ?")
                .params(target, ts(now.minus(properties.window()))).query(Integer.class).single();
    }

    private Optional<String> stateOf(DestructiveChange change) {
        return jdbc.sql("SELECT state FROM jml_mass_change WHERE target = ? AND employee_id = ? AND operation = ?"
                        + " AND group_name = ?")
                .params(change.target(), change.employeeId(), change.operation().name(), change.group())
                .query(String.class).optional();
    }

    private Instant countedSince(DestructiveChange change) {
        return jdbc.sql("SELECT since FROM jml_mass_change WHERE target = ? AND employee_id = ? AND operation = ?"
                        + " AND group_name = ?")
                .params(change.target(), change.employeeId(), change.operation().name(), change.group())
                .query(Timestamp.class).single().toInstant();
    }

    private void record(DestructiveChange change, String state, Instant now, boolean exists) {
        String sql = exists
                ? "UPDATE jml_mass_change SET state = ?, since = ? WHERE target = ? AND employee_id = ? AND operation = ? AND group_name = ?"
                : "INSERT INTO jml_mass_change (state, since, target, employee_id, operation, group_name) VALUES (?, ?, ?, ?, ?, ?)";
        jdbc.sql(sql).params(state, ts(now), change.target(), change.employeeId(), change.operation().name(), change.group())
                .update();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
