-- Employee id + target -> the target's SCIM id (R-ID-1). A row with state PENDING and no scim_id records that a
-- create was sent (create_attempted_at is written BEFORE the POST), so a retry after a crash or a timeout looks
-- the account up instead of creating a second one. Plain SQL that H2 and PostgreSQL both accept.
CREATE TABLE jml_identity_link (
    employee_id         VARCHAR(64)  NOT NULL,
    target              VARCHAR(64)  NOT NULL,
    scim_id             VARCHAR(255),
    user_name           VARCHAR(320) NOT NULL,
    origin              VARCHAR(16),
    state               VARCHAR(16)  NOT NULL,
    create_attempted_at TIMESTAMP WITH TIME ZONE,
    last_verified       TIMESTAMP WITH TIME ZONE,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_jml_identity_link PRIMARY KEY (employee_id, target),
    CONSTRAINT ck_jml_identity_link_state CHECK (state IN ('PENDING', 'ACTIVE', 'DEACTIVATED', 'DELETED')),
    CONSTRAINT ck_jml_identity_link_origin CHECK (origin IS NULL OR origin IN ('CREATED', 'ADOPTED', 'REACTIVATED'))
);

CREATE INDEX ix_jml_identity_link_target_scim_id ON jml_identity_link (target, scim_id);
