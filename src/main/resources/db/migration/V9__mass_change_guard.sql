-- The mass-change guard (issue 10), shared by every node. One row per target in jml_mass_change_guard is the lock
-- under which a node counts the target's destructive changes in the sliding window (SELECT ... FOR UPDATE), so two
-- nodes never both admit the 25th. One row per destructive change in jml_mass_change: COUNTED ones make the window,
-- HELD ones wait for the app owner, STOPPED ones were refused by the app owner, RELEASED ones
-- failed into an incident once and go through when ops retry them.
-- Plain SQL that H2 and PostgreSQL both accept.
CREATE TABLE jml_mass_change_guard (
    target          VARCHAR(64)  NOT NULL,
    allowance       INTEGER      NOT NULL,
    hold_started_at TIMESTAMP WITH TIME ZONE,
    alert_pending   BOOLEAN      NOT NULL,
    CONSTRAINT pk_jml_mass_change_guard PRIMARY KEY (target)
);

CREATE TABLE jml_mass_change (
    target      VARCHAR(64)  NOT NULL,
    employee_id VARCHAR(128) NOT NULL,
    operation   VARCHAR(16)  NOT NULL,
    group_name  VARCHAR(256) NOT NULL,
    state       VARCHAR(8)   NOT NULL,
    since       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_jml_mass_change PRIMARY KEY (target, employee_id, operation, group_name),
    CONSTRAINT ck_jml_mass_change_state CHECK (state IN ('COUNTED', 'HELD', 'STOPPED', 'RELEASED'))
);
CREATE INDEX ix_jml_mass_change_window ON jml_mass_change (target, state, since);
