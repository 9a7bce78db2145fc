-- One row per target: its circuit breaker, shared by every node (issue 10). The CLOSED -> OPEN transition, the
-- claim of the single ops alert and the claim of each half-open probe are conditional UPDATEs on this row, so
-- exactly one node wins each. Plain SQL that H2 and PostgreSQL both accept.
CREATE TABLE jml_target_breaker (
    target               VARCHAR(64)   NOT NULL,
    state                VARCHAR(8)    NOT NULL,
    consecutive_failures INTEGER       NOT NULL,
    reason               VARCHAR(1000),
    opened_at            TIMESTAMP WITH TIME ZONE,
    next_probe_at        TIMESTAMP WITH TIME ZONE,
    alert_pending        BOOLEAN       NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_jml_target_breaker PRIMARY KEY (target),
    CONSTRAINT ck_jml_target_breaker_state CHECK (state IN ('CLOSED', 'OPEN'))
);
