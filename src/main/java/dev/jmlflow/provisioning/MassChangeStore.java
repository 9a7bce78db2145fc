package dev.jmlflow.provisioning;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mass-change guard on the shared database (Flyway V9). Each admission counts the target's window under a lock
 * on the target's guard row (SELECT ... FOR UPDATE), in a transaction of its own, so two nodes never both admit
 * the change that fills the window, and a job that rolls back later does not undo the count: the change was sent.
 * A change already counted in the window is admitted again without counting twice (a retried job). The app
 * owner's answers to a hold are {@link MassChangeDecisions}.
 */
@Repository
@EnableConfigurationProperties(MassChangeGuardProperties.class)
public class MassChangeStore implements MassChangeGuard {

    private static final Logger log = LoggerFactory.getLogger(MassChangeStore.class);

    private final JdbcClient jdbc;
    private final MassChangeGuardRows rows;
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
        this.rows = new MassChangeGuardRows(jdbc, properties);
        this.ownTransaction = MassChangeGuardRows.ownTransaction(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void admit(DestructiveChange change) {
        Instant now = clock.instant();
        ownTransaction.executeWithoutResult(status -> rows.ensure(change.target()));
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
        int allowance = rows.lock(change.target());
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
        int counted = rows.countedInWindow(change.target(), now);
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
