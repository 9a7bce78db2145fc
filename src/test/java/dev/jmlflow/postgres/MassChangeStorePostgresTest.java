package dev.jmlflow.postgres;

import dev.jmlflow.provisioning.MassChangeStoreContract;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/** The mass-change guard on a real PostgreSQL 15, migrated by the real Flyway scripts: row locks across nodes. */
@ExtendWith(NativePostgres.class)
class MassChangeStorePostgresTest extends MassChangeStoreContract {

    private static PGSimpleDataSource database;

    @BeforeAll
    static void migrate() {
        database = new PGSimpleDataSource();
        database.setUrl(NativePostgres.server().jdbcUrl());
        database.setUser(PostgresServer.USER);
        database.setPassword(NativePostgres.server().password());
        Flyway.configure().dataSource(database).baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }

    @Override
    protected DataSource database() {
        return database;
    }
}
