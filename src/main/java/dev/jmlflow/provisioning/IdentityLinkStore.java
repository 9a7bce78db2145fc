package dev.jmlflow.provisioning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The identity links (table {@code jml_identity_link}, Flyway V1). Writes are upserts by (employee, target),
 * so replaying an operation after a crash overwrites rather than duplicates.
 */
@Repository
public class IdentityLinkStore {

    /** A create that was sent but whose outcome was not recorded yet. */
    public record PendingCreate(String target, String employeeId, String userName, Instant attemptedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    @Autowired
    public IdentityLinkStore(DataSource dataSource, PlatformTransactionManager transactions) {
        this(JdbcClient.create(dataSource), Clock.systemUTC(), transactions);
    }

    IdentityLinkStore(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The link, if the account was ever created or matched (any state); pending creates are not links. */
    public Optional<AccountLink> find(String target, String employeeId) {
        return jdbc.sql("SELECT * FROM jml_identity_link WHERE target = ? AND employee_id = ? AND state <> 'PENDING'")
                .params(target, employeeId)
                .query(IdentityLinkStore::toLink)
                .optional();
    }

    public List<AccountLink> findByEmployee(String employeeId) {
        return jdbc.sql("SELECT * FROM jml_identity_link WHERE employee_id = ? AND state <> 'PENDING' ORDER BY target")
                .param(employeeId)
                .query(IdentityLinkStore::toLink)
                .list();
    }

    /** When a create for this employee was last sent and not followed by a stored link. */
    public Optional<PendingCreate> pendingCreate(String target, String employeeId) {
        return jdbc.sql("SELECT target, employee_id, user_name, create_attempted_at FROM jml_identity_link"
                        + " WHERE target = ? AND employee_id = ? AND create_attempted_at IS NOT NULL")
                .params(target, employeeId)
                .query((rs, n) -> new PendingCreate(rs.getString("target"), rs.getString("employee_id"),
                        rs.getString("user_name"), instant(rs, "create_attempted_at")))
                .optional();
    }

    /**
     * Written BEFORE a POST, so that a retry after a crash or timeout knows a create may have happened. Committed in
     * a transaction of its own: the caller's (a Camunda job's) is rolled back exactly when the outcome is unknown.
     */
    public void recordCreateAttempt(String target, String employeeId, String userName) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        ownTransaction.executeWithoutResult(status -> upsert(
                () -> jdbc.sql("UPDATE jml_identity_link SET create_attempted_at = ?, updated_at = ?"
                                + " WHERE target = ? AND employee_id = ?")
                        .params(now, now, target, employeeId).update(),
                () -> jdbc.sql("INSERT INTO jml_identity_link (employee_id, target, user_name, state,"
                                + " create_attempted_at, updated_at) VALUES (?, ?, ?, 'PENDING', ?, ?)")
                        .params(employeeId, target, userName, now, now).update()));
    }

    /** Stores (or replaces) the link and clears any pending create. */
    public void save(AccountLink link) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        Timestamp verified = link.lastVerified() == null ? null : Timestamp.from(link.lastVerified());
        upsert(
                () -> jdbc.sql("UPDATE jml_identity_link SET scim_id = ?, user_name = ?, origin = ?, state = ?,"
                                + " create_attempted_at = NULL, last_verified = ?, updated_at = ?"
                                + " WHERE target = ? AND employee_id = ?")
                        .params(link.scimId(), link.userName(), link.origin().name(), link.state().name(), verified, now,
                                link.target(), link.employeeId())
                        .update(),
                () -> jdbc.sql("INSERT INTO jml_identity_link (employee_id, target, scim_id, user_name, origin, state,"
                                + " last_verified, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(link.employeeId(), link.target(), link.scimId(), link.userName(), link.origin().name(),
                                link.state().name(), verified, now)
                        .update());
    }

    /** Removes the row (tests of crash recovery; an operator forgetting a link). */
    public void forget(String target, String employeeId) {
        jdbc.sql("DELETE FROM jml_identity_link WHERE target = ? AND employee_id = ?").params(target, employeeId).update();
    }

    /** Update first, insert when there was nothing to update; a concurrent insert turns into an update. */
    private static void upsert(java.util.function.IntSupplier update, Runnable insert) {
        if (update.getAsInt() > 0) {
            return;
        }
        try {
            insert.run();
        } catch (DuplicateKeyException raced) {
            update.getAsInt();
        }
    }

    private static AccountLink toLink(ResultSet rs, int row) throws SQLException {
        String origin = rs.getString("origin");
        return new AccountLink(rs.getString("target"), rs.getString("employee_id"), rs.getString("scim_id"),
                rs.getString("user_name"), origin == null ? null : AccountOrigin.valueOf(origin),
                LinkState.valueOf(rs.getString("state")), instant(rs, "last_verified"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
