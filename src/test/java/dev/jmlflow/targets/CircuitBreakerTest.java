package dev.jmlflow.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jmlflow.sandbox.scimserver.Profile;
import dev.jmlflow.sandbox.scimserver.SandboxScimServer;
import dev.jmlflow.sandbox.scimserver.TenantOptions;
import dev.jmlflow.scim.ScimApi;
import dev.jmlflow.scim.ScimClientConfig;
import dev.jmlflow.scim.ScimClients;
import dev.jmlflow.scim.ScimException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-target circuit breaker against a real SCIM server (stopped for an outage, given a wrong token for a 401)
 * and its state in a real database, shared by two "nodes" (two breakers on one table).
 */
class CircuitBreakerTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private final SandboxScimServer server = SandboxScimServer.start(SandboxScimServer.Options.onFreePort(
            new TenantOptions("cortex", "cortex-token", Profile.imitating(Dialect.CORTEX))));
    private final BreakerStore store = BreakerFixtures.inMemoryStore();
    private final MutableClock clock = new MutableClock();
    private final List<String> alerts = new ArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();
    private volatile String token = "cortex-token";
    private final Target node1 = target();
    private final Target node2 = target();

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void opensAfterFiveConsecutiveTransientFailuresAndThenSendsNothing() {
        server.stop();
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> lookup(node1)).isInstanceOf(ScimException.Unavailable.class);
            assertThat(node1.breaker().orElseThrow().state().open()).isFalse();
        }
        assertThatThrownBy(() -> lookup(node2)).isInstanceOf(ScimException.Unavailable.class);
        assertThat(node1.breaker().orElseThrow().state().open()).isTrue();
        int sentBefore = sent.get();

        assertThatThrownBy(() -> lookup(node1)).isInstanceOf(TargetQuarantinedException.class)
                .hasMessageContaining("target cortex is quarantined").hasMessageContaining("got no complete answer");
        assertThat(sent.get()).isEqualTo(sentBefore);
    }

    @Test
    void anAnswerInBetweenStartsTheCountAgain() {
        CircuitBreaker breaker = node1.breaker().orElseThrow();
        for (int i = 0; i < 4; i++) {
            failWith(breaker, new ScimException.Unavailable(502, "GET /Users answered 502", null));
        }
        lookup(node1);
        for (int i = 0; i < 4; i++) {
            failWith(breaker, new ScimException.Unavailable(0, "GET /Users got no complete answer", null));
        }

        assertThat(breaker.state().open()).isFalse();
        assertThat(breaker.state().consecutiveFailures()).isEqualTo(4);
    }

    @Test
    void aRejectedTokenOpensItAtOnce() {
        token = "revoked-token";

        assertThatThrownBy(() -> lookup(node1)).isInstanceOf(ScimException.Unauthorized.class);

        BreakerState state = node1.breaker().orElseThrow().state();
        assertThat(state.open()).isTrue();
        assertThat(state.reason()).startsWith("HTTP 401").doesNotContain("revoked-token");
    }

    @Test
    void throttlingNeitherCountsNorOpensIt() {
        CircuitBreaker breaker = node1.breaker().orElseThrow();
        for (int i = 0; i < 10; i++) {
            failWith(breaker, new ScimException.RateLimited(Duration.ofSeconds(60), "GET /Users answered 429"));
            failWith(breaker, new ScimException.Unavailable(503, "GET /Users answered 503", null, Duration.ofMinutes(10)));
        }

        assertThat(breaker.state().open()).isFalse();
        assertThat(breaker.state().consecutiveFailures()).isZero();
    }

    @Test
    void manyRequestsOnTwoNodesGiveExactlyOneAlert() {
        token = "revoked-token";
        assertThatThrownBy(() -> lookup(node1)).isInstanceOf(ScimException.Unauthorized.class);
        for (int i = 0; i < 20; i++) {
            Target node = i % 2 == 0 ? node1 : node2;
            assertThatThrownBy(() -> lookup(node)).isInstanceOf(TargetQuarantinedException.class);
            node1.breaker().orElseThrow().supervise();
            node2.breaker().orElseThrow().supervise();
        }

        assertThat(alerts).singleElement().asString().startsWith("opened cortex: HTTP 401");
    }

    @Test
    void jobsAreToldToComeBackAfterTheNextProbe() {
        token = "revoked-token";
        assertThatThrownBy(() -> lookup(node1)).isInstanceOf(ScimException.Unauthorized.class);
        clock.now = T0.plus(Duration.ofMinutes(1));

        assertThatThrownBy(() -> lookup(node2)).isInstanceOfSatisfying(TargetQuarantinedException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(4).plus(CircuitBreaker.AFTER_PROBE)));
    }

    @Test
    void theHalfOpenProbeClosesItOnceTheTargetAnswersAgain() {
        token = "revoked-token";
        assertThatThrownBy(() -> lookup(node1)).isInstanceOf(ScimException.Unauthorized.class);
        token = "cortex-token";

        node1.breaker().orElseThrow().supervise(); // the probe is not due yet
        assertThat(node1.breaker().orElseThrow().state().open()).isTrue();

        clock.now = T0.plus(Duration.ofMinutes(5));
        node2.breaker().orElseThrow().supervise();

        assertThat(node1.breaker().orElseThrow().state().open()).isFalse();
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0)).startsWith("opened cortex: HTTP 401");
        assertThat(alerts.get(1)).isEqualTo("closed cortex: the half-open probe got an answer");
        lookup(node1);
    }

    @Test
    void aProbeThatFailsKeepsItOpenUntilTheNextProbe() {
        token = "revoked-token";
        assertThatThrownBy(() -> lookup(node1)).isInstanceOf(ScimException.Unauthorized.class);
        clock.now = T0.plus(Duration.ofMinutes(5));

        node1.breaker().orElseThrow().supervise();

        BreakerState state = node1.breaker().orElseThrow().state();
        assertThat(state.open()).isTrue();
        assertThat(state.nextProbeAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void opsCanForceItOpenAndCloseIt() {
        CircuitBreaker breaker = node1.breaker().orElseThrow();

        assertThat(breaker.forceOpen("vendor maintenance (by ops1)")).isTrue();
        assertThatThrownBy(() -> lookup(node2)).isInstanceOf(TargetQuarantinedException.class)
                .hasMessageContaining("vendor maintenance");
        assertThat(breaker.close("closed by ops1")).isTrue();
        assertThat(breaker.close("closed by ops1")).isFalse();

        lookup(node2);
        assertThat(alerts).containsExactly("opened cortex: vendor maintenance (by ops1)", "closed cortex: closed by ops1");
    }

    private static void failWith(CircuitBreaker breaker, ScimException failure) {
        assertThatThrownBy(() -> breaker.call(() -> {
            throw failure;
        })).isSameAs(failure);
    }

    private void lookup(Target target) {
        target.api().findUsers(CapabilityProbe.canaryFilter(), 1, 1);
    }

    private Target target() {
        ScimApi raw = counting(ScimClients.create(ScimClientConfig.of(server.baseUrl("cortex"), () -> token)));
        BreakerAlerts recorder = new BreakerAlerts() {
            @Override
            public void opened(String target, String reason, Instant since) {
                alerts.add("opened " + target + ": " + reason);
            }

            @Override
            public void closed(String target, String how) {
                alerts.add("closed " + target + ": " + how);
            }
        };
        CircuitBreaker breaker = new CircuitBreaker("cortex", raw, store, new BreakerProperties(5, Duration.ofMinutes(5)),
                () -> recorder, clock);
        return new Target("cortex", Dialect.CORTEX, CircuitBreakerScimApi.wrap(raw, breaker), new CapabilityProbe(),
                clock, breaker);
    }

    private ScimApi counting(ScimApi api) {
        return (ScimApi) Proxy.newProxyInstance(ScimApi.class.getClassLoader(), new Class<?>[] {ScimApi.class},
                (proxy, method, args) -> {
                    sent.incrementAndGet();
                    try {
                        return method.invoke(api, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static final class MutableClock extends Clock {
        volatile Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
