package dev.jmlflow.targets;

import dev.jmlflow.scim.ScimApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Breakers on a fresh in-memory database migrated by the app's own Flyway scripts. */
public final class BreakerFixtures {

    /** Alerts that go nowhere, for tests that look at the state only. */
    public static final BreakerAlerts SILENT = new BreakerAlerts() {
        @Override
        public void opened(String target, String reason, Instant since) {
        }

        @Override
        public void closed(String target, String how) {
        }
    };

    private BreakerFixtures() {
    }

    public static BreakerStore inMemoryStore() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:breaker-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).load().migrate();
        return new BreakerStore(dataSource, new DataSourceTransactionManager(dataSource));
    }

    /** A target whose calls run through a breaker with the default settings. */
    public static Target guarded(String name, Dialect dialect, ScimApi api, BreakerStore store, BreakerAlerts alerts) {
        CircuitBreaker breaker = new CircuitBreaker(name, api, store, new BreakerProperties(5, Duration.ofMinutes(5)), () -> alerts,
                Clock.systemUTC());
        return new Target(name, dialect, CircuitBreakerScimApi.wrap(api, breaker), new CapabilityProbe(), Clock.systemUTC(), breaker);
    }
}
