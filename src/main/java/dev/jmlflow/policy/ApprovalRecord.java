package dev.jmlflow.policy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The approval decisions of each request, in table {@code jml_approval_decision} (Flyway V8). One row per completed
 * approval task, written on the connection of the engine command that completes it, so a rolled-back completion
 * leaves no decision behind. Callers pass the connection: the engine's inside a command, a pooled one elsewhere.
 */
public final class ApprovalRecord {

    private static final String INSERT = "insert into jml_approval_decision (task_id, process_instance_id, stage,"
            + " task_name, decider, approved, decision_comment, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "select stage, task_name, decider, approved, decision_comment, decided_at"
            + " from jml_approval_decision where process_instance_id = ? order by decided_at, task_id";
    private static final String DECIDED_BY = "select distinct process_instance_id from jml_approval_decision where decider = ?";

    private ApprovalRecord() {
    }

    public static void add(Connection connection, String taskId, String processInstanceId, ApprovalDecision decision) {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, taskId);
            insert.setString(2, processInstanceId);
            insert.setString(3, decision.stage());
            insert.setString(4, decision.taskName());
            insert.setString(5, decision.decider());
            insert.setBoolean(6, decision.approved());
            insert.setString(7, decision.comment());
            insert.setTimestamp(8, Timestamp.from(decision.decidedAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the approval decision of task " + taskId, e);
        }
    }

    /** The decisions of one request, oldest first. */
    public static List<ApprovalDecision> of(Connection connection, String processInstanceId) {
        return select(connection, SELECT, processInstanceId, rows -> new ApprovalDecision(rows.getString(1),
                rows.getString(2), rows.getString(3), rows.getBoolean(4), rows.getString(5),
                rows.getTimestamp(6).toInstant()));
    }

    /** The requests in which this user decided a stage. */
    public static Set<String> decidedBy(Connection connection, String decider) {
        return Set.copyOf(select(connection, DECIDED_BY, decider, rows -> rows.getString(1)));
    }

    private interface Row<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static <T> List<T> select(Connection connection, String sql, String key, Row<T> row) {
        List<T> result = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    result.add(row.read(rows));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the approval decisions of " + key, e);
        }
        return List.copyOf(result);
    }
}
