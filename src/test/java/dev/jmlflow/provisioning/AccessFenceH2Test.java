package dev.jmlflow.provisioning;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The access fence on H2, the database of a first start. */
class AccessFenceH2Test extends AccessFenceContract {

    @Override
    DataSource freshDatabase() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:fence-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return database;
    }
}
