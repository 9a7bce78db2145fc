package dev.jmlflow.postgres;

import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.employee.EmployeeRegistryContract;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/** The registry on a real PostgreSQL 15 (Debian's binaries), migrated by the real Flyway scripts. */
@ExtendWith(NativePostgres.class)
class EmployeeRegistryPostgresTest extends EmployeeRegistryContract {

    private static EmployeeRegistry registry;

    @BeforeAll
    static void migrate() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(NativePostgres.server().jdbcUrl());
        ds.setUser(PostgresServer.USER);
        ds.setPassword(NativePostgres.server().password());
        Flyway.configure().dataSource(ds).baselineOnMigrate(true).baselineVersion("0").load().migrate();
        registry = new EmployeeRegistry(ds);
    }

    @Override
    protected EmployeeRegistry registry() {
        return registry;
    }
}
