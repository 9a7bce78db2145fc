package dev.jmlflow.provisioning;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The identity links (table {@code jml_identity_link}, Flyway V1). Writes are upserts by (employee, target) in one
 * statement, so replaying an operation after a crash overwrites rather than duplicates, and two nodes writing the
 * same row at once both commit.
 */
@Repository
public class IdentityLinkStore {

    /** A create that was sent but whose outcome was not recorded yet. */
    public record PendingCreate(String target, String employeeId, String userName, Instant attemptedAt) {
    }

    // the key (employee_id, target) first: an upsert updates the columns after it
    private static final List<String> LINK_COLUMNS = List.of("employee_id", "target", "scim_id", "user_name", "origin",
            "state", "create_attempted_at", "last_verified", "updated_at");
    private static final List<String> ATTEMPT_COLUMNS = List.of("employee_id", "target", "user_name", "state",
            "create_attempted_at", "updated_at");
    private static final int KEY_COLUMNS = 2;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final Upsert upsert;
    private final AccessFence fence;
    private final GroupWriteLock groupWrites;

    @Autowired
    public IdentityLinkStore(DataSource dataSource, PlatformTransactionManager transactions) {
        this(JdbcClient.create(dataSource), Clock.systemUTC(), transactions, Upsert.of(dataSource));
    }

    IdentityLinkStore(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions, Upsert upsert) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.upsert = upsert;
        this.fence = new AccessFence(jdbc, clock, transactions);
        this.groupWrites = new GroupWriteLock(jdbc, clock, transactions);
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

    /**
     * For every employee, in how many apps they may have an account: a link not deleted, or a create sent and never
     * followed by a link (what the leaver covers), in one query for the start forms' pickers.
     */
    public Map<String, Integer> accountCounts() {
        return jdbc.sql("SELECT employee_id, COUNT(*) AS apps FROM jml_identity_link"
                        + " WHERE state <> 'DELETED' OR create_attempted_at IS NOT NULL GROUP BY employee_id")
                .query((rs, n) -> Map.entry(rs.getString("employee_id"), rs.getInt("apps"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
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

    /** Every create attempt of the employee that was sent and not followed by a stored link, by target. */
    public List<PendingCreate> pendingCreates(String employeeId) {
        return jdbc.sql("SELECT target, employee_id, user_name, create_attempted_at FROM jml_identity_link"
                        + " WHERE employee_id = ? AND create_attempted_at IS NOT NULL ORDER BY target")
                .param(employeeId)
                .query((rs, n) -> new PendingCreate(rs.getString("target"), rs.getString("employee_id"),
                        rs.getString("user_name"), instant(rs, "create_attempted_at")))
                .list();
    }

    /**
     * Written BEFORE a POST, so that a retry after a crash or timeout knows a create may have happened. Committed in
     * a transaction of its own: the caller's (a Camunda job's) is rolled back exactly when the outcome is unknown.
     * A stored link stays as it is (its account answered 404, or the retry finds the new one under its userName).
     * <p>The caller's transaction must not have written this row: the own transaction would wait for the caller's
     * lock, that is for itself (on PostgreSQL until the job's lock expires). So nothing in a job writes a link
     * before a create attempt; the create's outcome is the first write.
     * <p>The same transaction passes the {@link AccessFence}: after a leaver's cut-off it records nothing and throws
     * {@link AccessFencedException}, and before it the attempt is committed before the cut-off can be.
     */
    public void recordCreateAttempt(String target, String employeeId, String userName) {
        AccessFence.retryingRaces(() -> ownTransaction.executeWithoutResult(
                status -> recordAdmittedAttempt(target, employeeId, userName)));
    }

    /** In the caller's transaction: passes the fence (holding its row until commit), then records the attempt. */
    void recordAdmittedAttempt(String target, String employeeId, String userName) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        fence.admit(target, employeeId);
        jdbc.sql(upsert.sql(ATTEMPT_COLUMNS, List.of("create_attempted_at", "updated_at")))
                .params(employeeId, target, userName, "PENDING", now, now)
                .update();
    }

    /**
     * Passes the {@link AccessFence} for a write that grants access to an existing account (a membership, a
     * reactivation), committed before the write is sent; {@link AccessFencedException} after a leaver's cut-off.
     */
    public void admitWrite(String target, String employeeId) {
        fence.admitWrite(target, employeeId);
    }

    /** Runs a read-modify-PUT of a whole group while no other node writes that group ({@link GroupWriteLock}). */
    void holdingGroupWriteLock(String target, String groupId, Runnable write) {
        groupWrites.holding(target, groupId, write);
    }

    /** Stores (or replaces) the link and clears any pending create. */
    public void save(AccountLink link) {
        Timestamp verified = link.lastVerified() == null ? null : Timestamp.from(link.lastVerified());
        jdbc.sql(upsert.sql(LINK_COLUMNS, LINK_COLUMNS.subList(KEY_COLUMNS, LINK_COLUMNS.size())))
                .params(link.employeeId(), link.target(), link.scimId(), link.userName(), link.origin().name(),
                        link.state().name(), null, verified, Timestamp.from(Instant.now(clock)))
                .update();
    }

    /** Removes the row (tests of crash recovery; an operator forgetting a link). */
    public void forget(String target, String employeeId) {
        jdbc.sql("DELETE FROM jml_identity_link WHERE target = ? AND employee_id = ?").params(target, employeeId).update();
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

    /**
     * One statement that inserts the row of (employee_id, target) or updates some of its columns. PostgreSQL:
     * {@code INSERT ... ON CONFLICT DO UPDATE}, which waits for a concurrent insert of the same key and then updates,
     * so racing writers both commit ({@code MERGE} can still raise a unique violation there). H2 (a laptop, the
     * sandbox: one node) has no {@code ON CONFLICT DO UPDATE}: SQL-standard {@code MERGE}, correct one at a time; of
     * two racing first inserts there one fails and its job is retried. Never catch-and-retry in the statement's
     * transaction, which PostgreSQL has aborted by then (SQLSTATE 25P02).
     */
    enum Upsert {
        POSTGRESQL {
            @Override
            String sql(List<String> columns, List<String> updated) {
                return "INSERT INTO jml_identity_link (" + String.join(", ", columns) + ") VALUES ("
                        + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")"
                        + " ON CONFLICT (employee_id, target) DO UPDATE SET " + assignments(updated, "EXCLUDED.");
            }
        },
        MERGE {
            @Override
            String sql(List<String> columns, List<String> updated) {
                return "MERGE INTO jml_identity_link l USING (VALUES ("
                        + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")) AS s ("
                        + String.join(", ", columns) + ") ON l.employee_id = s.employee_id AND l.target = s.target"
                        + " WHEN MATCHED THEN UPDATE SET " + assignments(updated, "s.")
                        + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns) + ") VALUES ("
                        + columns.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ")";
            }
        };

        /** The upsert statement; its parameters are {@code columns}, in that order. */
        abstract String sql(List<String> columns, List<String> updated);

        static Upsert of(DataSource dataSource) {
            try {
                String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
                return "PostgreSQL".equals(product) ? POSTGRESQL : MERGE;
            } catch (MetaDataAccessException e) {
                throw new IllegalStateException("cannot tell which database holds the identity links", e);
            }
        }

        private static String assignments(List<String> columns, String source) {
            return columns.stream().map(c -> c + " = " + source + c).collect(Collectors.joining(", "));
        }
    }
}
