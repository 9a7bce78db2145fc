package dev.jmlflow.provisioning;

import dev.jmlflow.postgres.NativePostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** The group write lock on a real PostgreSQL, the database of several nodes. */
@ExtendWith(NativePostgres.class)
class GroupWriteLockPostgresTest extends GroupWriteLockContract {

    @Override
    DataSource migratedDatabase() {
        return TestDatabase.POSTGRES.migrated();
    }
}
