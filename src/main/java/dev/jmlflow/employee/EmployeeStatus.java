package dev.jmlflow.employee;

/** Where a person stands with the company, as far as jmlflow's requests have made it true. */
public enum EmployeeStatus {
    /** A joiner's access was approved; the accounts are due on the start date. */
    PRE_HIRE,
    /** A joiner provisioned every app. */
    ACTIVE,
    /** A leaver has started removing access; the last day is recorded. */
    LEAVING,
    /** A leaver has removed (or ops waived) access in every app. */
    LEFT;

    /** Hired and not gone: a mover may change the role, a rehire must not overwrite the record. */
    public boolean employed() {
        return this == ACTIVE || this == LEAVING;
    }
}
