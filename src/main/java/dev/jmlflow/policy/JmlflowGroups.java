package dev.jmlflow.policy;

import java.util.List;

/** The Camunda groups jmlflow sets up; every candidate group in a process is one of these. */
public final class JmlflowGroups {

    /** Starts joiner, mover and leaver requests; fixes requests sent back. */
    public static final String HR = "hr";
    /** Approves the access plan for their people. */
    public static final String MANAGERS = "managers";
    /** Second approval for privileged groups; approves hard deletes. */
    public static final String APP_OWNERS = "app-owners";
    /** Cockpit: watches and repairs running requests. */
    public static final String IT_OPS = "it-ops";
    /** Break-glass: every permission. Same id as Camunda's built-in admin group. */
    public static final String CAMUNDA_ADMIN = "camunda-admin";

    public static final List<String> ALL = List.of(HR, MANAGERS, APP_OWNERS, IT_OPS, CAMUNDA_ADMIN);

    private JmlflowGroups() {
    }
}
