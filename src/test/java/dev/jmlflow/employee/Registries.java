package dev.jmlflow.employee;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** Employee registries for tests without a Spring context. */
public final class Registries {

    private Registries() {
    }

    /** A registry on a fresh in-memory H2 database, migrated by the real Flyway scripts. */
    public static EmployeeRegistry onFreshH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:employees-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).load().migrate();
        return new EmployeeRegistry(ds);
    }
}
