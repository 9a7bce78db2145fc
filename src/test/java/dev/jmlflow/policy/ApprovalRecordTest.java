package dev.jmlflow.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The approval record on the real migration (V8), in an in-memory H2 of its own. */
class ApprovalRecordTest {

    private static final String URL = "jdbc:h2:mem:approval-record-test;DB_CLOSE_DELAY=-1";

    private Connection connection;

    @BeforeEach
    void migrate() throws SQLException {
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").cleanDisabled(false).load()
                .clean();
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").load().migrate();
        connection = DriverManager.getConnection(URL, "sa", "");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void theDecisionsOfARequestReadBackOldestFirstWithEveryField() {
        ApprovalDecision manager = new ApprovalDecision("manager", "Approve access", "manager1", true, "ok",
                Instant.parse("2026-01-02T10:00:00Z"));
        ApprovalDecision owner = new ApprovalDecision("app-owners", "Approve access", "appowner", false, null,
                Instant.parse("2026-01-02T11:00:00Z"));
        ApprovalRecord.add(connection, "task-2", "request-1", owner);
        ApprovalRecord.add(connection, "task-1", "request-1", manager);

        assertThat(ApprovalRecord.of(connection, "request-1")).containsExactly(manager, owner);
    }

    @Test
    void anotherRequestsDecisionsAreNotItsOwn() {
        ApprovalRecord.add(connection, "task-1", "request-1", new ApprovalDecision("manager", "Approve access",
                "manager1", true, null, Instant.parse("2026-01-02T10:00:00Z")));

        assertThat(ApprovalRecord.of(connection, "request-2")).isEmpty();
    }

    @Test
    void theRequestsAUserDecidedAreTheOnesWithTheirDecision() {
        Instant at = Instant.parse("2026-01-02T10:00:00Z");
        ApprovalRecord.add(connection, "task-1", "request-1",
                new ApprovalDecision("manager", "Approve access", "manager1", true, null, at));
        ApprovalRecord.add(connection, "task-2", "request-1",
                new ApprovalDecision("app-owners", "Approve access", "appowner", true, null, at));
        ApprovalRecord.add(connection, "task-3", "request-2",
                new ApprovalDecision("manager", "Approve access", "manager1", false, null, at));

        assertThat(ApprovalRecord.decidedBy(connection, "manager1")).containsExactlyInAnyOrder("request-1", "request-2");
        assertThat(ApprovalRecord.decidedBy(connection, "appowner")).containsExactly("request-1");
        assertThat(ApprovalRecord.decidedBy(connection, "manager2")).isEmpty();
    }

    @Test
    void aRolledBackCompletionLeavesNoDecision() throws SQLException {
        connection.setAutoCommit(false);
        ApprovalRecord.add(connection, "task-1", "request-1", new ApprovalDecision("manager", "Approve access",
                "manager1", true, null, Instant.parse("2026-01-02T10:00:00Z")));
        connection.rollback();

        assertThat(ApprovalRecord.of(connection, "request-1")).isEmpty();
    }

    @Test
    void aDecisionReadsAsOneLine() {
        assertThat(new ApprovalDecision("manager", "Approve access", "manager1", false, "not yet",
                Instant.parse("2026-01-02T10:00:00Z")).describe())
                .isEqualTo("2026-01-02T10:00:00Z Approve access: rejected by manager1 (not yet)");
    }
}
