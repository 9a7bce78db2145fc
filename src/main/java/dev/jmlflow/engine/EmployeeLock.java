package dev.jmlflow.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * A per-employee lock on table {@code jml_request_lock}, taken on the running engine command's connection and held
 * until that command commits or rolls back. "Is a request already running for this person?" is a check before an
 * insert; without the lock two starts at the same moment both see nothing and both start. Outside a command (a
 * plain read) there is nothing to serialise, and nothing is locked.
 */
public final class EmployeeLock {

    private EmployeeLock() {
    }

    public static void holdFor(String employeeId) {
        if (employeeId == null || Context.getCommandContext() == null) {
            return;
        }
        try {
            hold(CommandConnection.current(), employeeId);
        } catch (SQLException e) {
            throw new ProcessEngineException("the requests of employee " + employeeId + " could not be locked", e);
        }
    }

    /** Takes the lock on {@code connection}'s transaction (which must not auto-commit); public for the database tests. */
    public static void hold(Connection connection, String employeeId) throws SQLException {
        // the insert of a row another command has not yet committed waits for that command, on both databases
        String insert = connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")
                ? "INSERT INTO jml_request_lock (employee_id) VALUES (?) ON CONFLICT DO NOTHING"
                : "MERGE INTO jml_request_lock (employee_id) KEY (employee_id) VALUES (?)";
        execute(connection, insert, employeeId);
        execute(connection, "SELECT employee_id FROM jml_request_lock WHERE employee_id = ? FOR UPDATE", employeeId);
    }

    private static void execute(Connection connection, String sql, String employeeId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, employeeId);
            statement.execute();
        }
    }
}
