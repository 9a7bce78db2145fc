-- The leaver's cut-off, per employee and target. A row with cut_at IS NULL is the lock that every account-creating
-- or access-granting write takes (SELECT ... FOR UPDATE) and marks with admitted_at, in the same short transaction
-- as its create-attempt record, before the call leaves. The leaver sets cut_at on every target's row in one
-- transaction, which waits for those locks: a write admitted before the cut has its attempt committed before the cut
-- commits, and every later one sees cut_at and is refused. Rows are per target so that a joiner's jobs for
-- different targets never wait for each other. Removed when the leaver ends (a rehire starts from no fence).
CREATE TABLE jml_access_fence (
    employee_id     VARCHAR(64) NOT NULL,
    target          VARCHAR(64) NOT NULL,
    admitted_at     TIMESTAMP WITH TIME ZONE,
    cut_at          TIMESTAMP WITH TIME ZONE,
    leaver_instance VARCHAR(64),
    CONSTRAINT pk_jml_access_fence PRIMARY KEY (employee_id, target)
);
