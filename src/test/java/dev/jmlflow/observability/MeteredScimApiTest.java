package dev.jmlflow.observability;

import dev.jmlflow.targets.Dialect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jmlflow.sandbox.scimserver.Profile;
import dev.jmlflow.sandbox.scimserver.SandboxScimServer;
import dev.jmlflow.sandbox.scimserver.TenantOptions;
import dev.jmlflow.scim.ScimApi;
import dev.jmlflow.scim.ScimClientConfig;
import dev.jmlflow.scim.ScimClients;
import dev.jmlflow.scim.ScimException;
import dev.jmlflow.scim.ScimFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SCIM call timers, measured against a real SCIM server (the SCIM-SDK sandbox server). */
class MeteredScimApiTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SandboxScimServer server = SandboxScimServer.start(SandboxScimServer.Options.onFreePort(
            new TenantOptions("cortex", "token-for-metrics-test", Profile.imitating(Dialect.CORTEX))));
    private final ScimApi api = MeteredScimApi.wrap(
            ScimClients.create(ScimClientConfig.of(server.baseUrl("cortex"), () -> "token-for-metrics-test")), "cortex", registry);

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void successfulCallIsTimedByTargetOperationAndStatus() {
        api.findUsers(ScimFilter.eq("userName", "nobody@example.com"), 1, 10);

        assertThat(registry.get(MeteredScimApi.METRIC)
                .tags("target", "cortex", "operation", "findUsers", "status", "2xx").timer().count()).isEqualTo(1);
    }

    @Test
    void failedCallIsTimedWithItsHttpStatus() {
        assertThatThrownBy(() -> api.getUser("does-not-exist")).isInstanceOf(ScimException.NotFound.class);

        assertThat(registry.get(MeteredScimApi.METRIC)
                .tags("target", "cortex", "operation", "getUser", "status", "404").timer().count()).isEqualTo(1);
    }

    @Test
    void callWithoutAnAnswerIsTimedAsIo() {
        server.stop();

        assertThatThrownBy(() -> api.getUser("any")).isInstanceOf(ScimException.Unavailable.class);

        assertThat(registry.get(MeteredScimApi.METRIC)
                .tags("target", "cortex", "operation", "getUser", "status", "io").timer().count()).isEqualTo(1);
    }

    @Test
    void tagsNeverCarryTheTokenOrFilterValue() {
        api.findUsers(ScimFilter.eq("userName", "ada@example.com"), 1, 10);

        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags().toString())
                .doesNotContain("token-for-metrics-test").doesNotContain("ada@example.com"));
    }
}
