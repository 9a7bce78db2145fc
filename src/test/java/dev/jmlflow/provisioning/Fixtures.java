package dev.jmlflow.provisioning;

import dev.jmlflow.scim.ScimApi;
import dev.jmlflow.scim.ScimClientConfig;
import dev.jmlflow.scim.ScimClients;
import dev.jmlflow.targets.CapabilityProbe;
import dev.jmlflow.targets.Dialect;
import dev.jmlflow.targets.RateLimitedScimApi;
import dev.jmlflow.targets.Target;
import dev.jmlflow.targets.TargetRegistry;
import dev.jmlflow.targets.TokenBucket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Building blocks for provisioning tests without a Spring context: a real client, a migrated database, fast timings. */
final class Fixtures {

    static final ProvisioningProperties FAST = new ProvisioningProperties(Duration.ofSeconds(30), 3, Duration.ofMillis(20),
            Duration.ofMinutes(5));

    private Fixtures() {
    }

    /** A fresh in-memory database migrated by the real Flyway scripts. */
    static DataSource migratedDatabase() {
        return TestDatabase.H2.migrated();
    }

    /** A link store on a fresh database, with transactions like the application's. */
    static IdentityLinkStore linkStore() {
        return linkStore(migratedDatabase());
    }

    static IdentityLinkStore linkStore(DataSource database) {
        return new IdentityLinkStore(database, new DataSourceTransactionManager(database));
    }

    static ScimApi client(String baseUrl, String token) {
        return ScimClients.create(new ScimClientConfig(java.net.URI.create(baseUrl), () -> token,
                Duration.ofSeconds(2), Duration.ofSeconds(2), null));
    }

    static ScimApi client(String baseUrl, String token, Duration readTimeout) {
        return ScimClients.create(new ScimClientConfig(java.net.URI.create(baseUrl), () -> token,
                Duration.ofSeconds(2), readTimeout, null));
    }

    static Target target(String name, Dialect dialect, ScimApi api) {
        return new Target(name, dialect, new RateLimitedScimApi(api, new TokenBucket(name, 1000)), new CapabilityProbe(),
                Clock.systemUTC());
    }

    static ProvisioningService service(Target target, IdentityLinkStore store, ProvisioningProperties properties) {
        return service(target, store, properties, change -> { });
    }

    /** A service whose destructive changes ask {@code guard} first. */
    static ProvisioningService service(Target target, IdentityLinkStore store, ProvisioningProperties properties,
                                       MassChangeGuard guard) {
        return new ProvisioningService(TargetRegistry.of(List.of(target)), store, properties, Clock.systemUTC(),
                d -> sleep(d), guard);
    }

    static Employee employee(String suffix) {
        String id = "E" + suffix;
        return new Employee(id, "person." + suffix + "@example.com", "Ada", "Lovelace", "Engineering", "Engineer", "mgr1");
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
