-- The employee registry: who each person is, written by the joiner, mover and leaver at the moment a fact becomes
-- true (see EmployeeRegistry), so nothing depends on Camunda history, which history cleanup removes after P180D.
-- Plain SQL that H2 and PostgreSQL both accept.
CREATE TABLE jml_employee (
    employee_id VARCHAR(64)  NOT NULL,
    user_name   VARCHAR(320) NOT NULL,
    given_name  VARCHAR(255),
    family_name VARCHAR(255),
    department  VARCHAR(255),
    job_title   VARCHAR(255),
    manager_id  VARCHAR(255),
    status      VARCHAR(16)  NOT NULL,
    start_date  DATE,
    last_day    DATE,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_jml_employee PRIMARY KEY (employee_id),
    CONSTRAINT ck_jml_employee_status CHECK (status IN ('PRE_HIRE', 'ACTIVE', 'LEAVING', 'LEFT'))
);
