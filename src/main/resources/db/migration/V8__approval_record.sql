-- Every approval decision: written by the four-eyes guard in the transaction that completes the approval task, so
-- it is exactly as durable as the completion; read to refuse a second stage to the same person and by people
-- auditing a request. Not a process variable, so no caller can rewrite it and history cleanup does not erase it.
create table jml_approval_decision (
    task_id             varchar(64)   not null primary key,
    process_instance_id varchar(64)   not null,
    stage               varchar(255)  not null,
    task_name           varchar(255),
    decider             varchar(255)  not null,
    approved            boolean       not null,
    decision_comment    varchar(2000),
    decided_at          timestamp     not null
);

create index jml_approval_decision_instance on jml_approval_decision (process_instance_id);
