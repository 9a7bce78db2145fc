package dev.jmlflow.provisioning;

import javax.sql.DataSource;

/** The mass-change guard on H2. */
class MassChangeStoreTest extends MassChangeStoreContract {

    private static final DataSource DATABASE = Fixtures.migratedDatabase();

    @Override
    protected DataSource database() {
        return DATABASE;
    }
}
