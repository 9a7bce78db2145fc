package dev.jmlflow.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import dev.jmlflow.sandbox.scimserver.Profile;
import dev.jmlflow.sandbox.scimserver.SandboxScimServer;
import dev.jmlflow.sandbox.scimserver.TenantOptions;
import dev.jmlflow.scim.ScimClientConfig;
import dev.jmlflow.scim.ScimClients;
import dev.jmlflow.targets.BreakerFixtures;
import dev.jmlflow.targets.CapabilityProbe;
import dev.jmlflow.targets.Dialect;
import dev.jmlflow.targets.Target;
import dev.jmlflow.targets.TargetRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;

/** One health component per target, backed by a real SCIM server that is stopped to make a target go down. */
class TargetsHealthContributorTest {

    private final SandboxScimServer server = SandboxScimServer.start(SandboxScimServer.Options.onFreePort(
            new TenantOptions("cortex", "cortex-token", Profile.imitating(Dialect.CORTEX)),
            new TenantOptions("coginiti", "coginiti-token", Profile.imitating(Dialect.COGINITI))));
    private final Target cortex = target("cortex", Dialect.CORTEX, "cortex-token");
    private final Target coginiti = target("coginiti", Dialect.COGINITI, "coginiti-token");
    private final TargetsHealthContributor health = new TargetsHealthContributor(
            TargetRegistry.of(List.of(cortex, coginiti)), new HealthProperties(Duration.ofHours(1)), Clock.systemUTC());

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void hasOneComponentPerTarget() {
        assertThat(StreamSupport.stream(health.spliterator(), false).map(NamedContributor::getName))
                .containsExactly("coginiti", "cortex");
    }

    @Test
    void targetIsUnknownUntilFirstChecked() {
        assertThat(status("cortex").getStatus()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void reachableTargetIsUp() {
        health.check(cortex);

        Health cortexHealth = status("cortex");
        assertThat(cortexHealth.getStatus()).isEqualTo(Status.UP);
        assertThat(cortexHealth.getDetails()).containsEntry("dialect", "cortex").containsEntry("filterSafe", true);
    }

    @Test
    void stoppedTargetTurnsDownWhileTheOthersStayUp() {
        health.check(cortex);
        health.check(coginiti);

        server.stop();
        health.check(cortex);

        assertThat(status("cortex").getStatus()).isEqualTo(Status.DOWN);
        assertThat(status("cortex").getDetails().get("error").toString()).doesNotContain("cortex-token");
        assertThat(status("coginiti").getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aTargetWhoseCircuitBreakerIsOpenIsDownWithTheReason() {
        Target guarded = BreakerFixtures.guarded("cortex", Dialect.CORTEX,
                ScimClients.create(ScimClientConfig.of(server.baseUrl("cortex"), () -> "revoked-token")),
                BreakerFixtures.inMemoryStore(), BreakerFixtures.SILENT);
        var withBreaker = new TargetsHealthContributor(TargetRegistry.of(List.of(guarded)),
                new HealthProperties(Duration.ofHours(1)), Clock.systemUTC());

        withBreaker.check(guarded); // the canary lookup answers 401: the breaker opens
        withBreaker.check(guarded);

        Health health = statusOf(withBreaker, "cortex");
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("breaker", "OPEN").containsKey("nextProbe");
        assertThat(health.getDetails().get("error").toString()).startsWith("HTTP 401").doesNotContain("revoked-token");
    }

    @Test
    void backgroundChecksRunWithoutAHealthRequest() throws InterruptedException {
        var scheduled = new TargetsHealthContributor(TargetRegistry.of(List.of(cortex)),
                new HealthProperties(Duration.ofMillis(100)), Clock.systemUTC());
        scheduled.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (statusOf(scheduled, "cortex").getStatus().equals(Status.UNKNOWN) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(statusOf(scheduled, "cortex").getStatus()).isEqualTo(Status.UP);
        } finally {
            scheduled.stop();
        }
    }

    private Health status(String name) {
        return statusOf(health, name);
    }

    private static Health statusOf(TargetsHealthContributor contributor, String name) {
        return ((HealthIndicator) contributor.getContributor(name)).health();
    }

    private Target target(String name, Dialect dialect, String token) {
        var api = ScimClients.create(ScimClientConfig.of(server.baseUrl(name), () -> token));
        return new Target(name, dialect, api, new CapabilityProbe(), Clock.systemUTC());
    }
}
