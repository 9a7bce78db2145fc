package dev.jmlflow.engine;

import java.sql.Connection;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * The database connection of the running engine command, for jmlflow's own tables that must share the command's
 * transaction (the approval record): what the command rolls back, they lose too.
 */
public final class CommandConnection {

    private CommandConnection() {
    }

    public static Connection current() {
        return Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
    }
}
