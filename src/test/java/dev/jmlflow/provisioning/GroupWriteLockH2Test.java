package dev.jmlflow.provisioning;

import javax.sql.DataSource;

/** The group write lock on H2, the database of a first start. */
class GroupWriteLockH2Test extends GroupWriteLockContract {

    @Override
    DataSource migratedDatabase() {
        return TestDatabase.H2.migrated();
    }
}
