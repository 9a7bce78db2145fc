package dev.jmlflow.provisioning;

import dev.jmlflow.postgres.NativePostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** The access fence on a real PostgreSQL, where a lost insert race aborts the transaction. */
@ExtendWith(NativePostgres.class)
class AccessFencePostgresTest extends AccessFenceContract {

    @Override
    DataSource freshDatabase() {
        return NativePostgres.freshSchema();
    }
}
