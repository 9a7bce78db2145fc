-- One row per (target, group) that is changed by a PUT of the whole group (Coginiti has no group PATCH and no ETag).
-- A node holds the row (SELECT ... FOR UPDATE) in a short transaction of its own across read -> PUT -> read-back, so
-- that a second node's PUT cannot overwrite a member the first one just added (issue 10). The row carries no state
-- beyond the time of the last write; it is inserted on first use. Plain SQL that H2 and PostgreSQL both accept.
CREATE TABLE jml_group_write_lock (
    target        VARCHAR(64)  NOT NULL,
    group_id      VARCHAR(255) NOT NULL,
    last_write_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_jml_group_write_lock PRIMARY KEY (target, group_id)
);
