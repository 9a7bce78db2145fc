-- One row per employee, locked (SELECT ... FOR UPDATE) by every check of "which requests run for this employee"
-- inside an engine command, until that command commits: two requests started at once for one person are
-- checked one after the other, so the second sees the first. The row carries no data; it is only a lock.
CREATE TABLE jml_request_lock (
    employee_id VARCHAR(64) NOT NULL,
    CONSTRAINT pk_jml_request_lock PRIMARY KEY (employee_id)
);
