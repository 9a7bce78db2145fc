package dev.jmlflow.process;

import org.flywaydb.core.Flyway;

/**
 * jmlflow's own tables (Flyway, as in the application) in the process tests' in-memory database, created before
 * the engine starts: the request guards write the approval record there. Declared in process-test-engine.cfg.xml.
 */
public final class ProcessTestSchema {

    private final String jdbcUrl;

    public ProcessTestSchema(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    public void migrate() {
        Flyway.configure().dataSource(jdbcUrl, "sa", "").baselineOnMigrate(true).baselineVersion("0")
                .locations("classpath:db/migration").load().migrate();
    }
}
