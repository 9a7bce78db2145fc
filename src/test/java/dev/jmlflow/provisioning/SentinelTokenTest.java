package dev.jmlflow.provisioning;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.jmlflow.scim.ScimClientConfig;
import dev.jmlflow.scim.ScimClients;
import dev.jmlflow.targets.Dialect;
import dev.jmlflow.targets.Target;
import dev.jmlflow.targets.TargetSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * R-S-9 at this layer: a unique token runs through every failure path (the server even echoes it back); it must
 * appear in no log line (Feign wire log at FULL included) and in no exception message or stack trace.
 */
class SentinelTokenTest {

    private static final String SENTINEL = "SENTINEL-" + UUID.randomUUID();

    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level rootLevel;

    @BeforeEach
    void start() {
        server.start();
        logs.start();
        root.addAppender(logs);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stop() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        server.stop();
    }

    @Test
    void theTokenAppearsInNoLogLineAndNoExceptionOnAnyFailurePath() {
        // servers echo the rejected header, or quote the bare token in their error text
        List<ResponseDefinitionBuilder> failures = List.of(
                aResponse().withStatus(401).withHeader("Content-Type", "text/plain").withBody("rejected: Bearer " + SENTINEL),
                aResponse().withStatus(403).withHeader("Content-Type", "application/scim+json").withBody("{\"detail\":\"token " + SENTINEL + " has no scope\"}"),
                aResponse().withStatus(500).withBody("Authorization: Bearer " + SENTINEL),
                aResponse().withStatus(429).withHeader("Retry-After", "1"),
                aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>login</html>"),
                aResponse().withStatus(409).withHeader("Content-Type", "application/scim+json").withBody("{\"scimType\":\"uniqueness\",\"detail\":\"" + SENTINEL + "\"}"),
                aResponse().withStatus(400).withHeader("Content-Type", "text/plain").withBody("bad token " + SENTINEL),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withStatus(200).withFixedDelay(800));
        List<Throwable> thrown = new ArrayList<>();
        for (ResponseDefinitionBuilder failure : failures) {
            server.resetAll();
            server.stubFor(any(anyUrl()).willReturn(failure));
            ProvisioningService service = service();
            Employee e = Fixtures.employee(Fixtures.unique());
            IdentityLinkStore store = this.store;
            store.save(new AccountLink("app", e.employeeId(), "u1", e.userName(), AccountOrigin.CREATED, LinkState.ACTIVE, Instant.now()));
            for (Runnable operation : List.<Runnable>of(
                    () -> service.ensureUser("app", Fixtures.employee(Fixtures.unique())),
                    () -> service.deactivate("app", e.employeeId()),
                    () -> service.addMembership("app", e.employeeId(), e.userName(), "Engineering"),
                    () -> service.delete("app", e.employeeId()))) {
                try {
                    operation.run();
                } catch (RuntimeException expected) {
                    thrown.add(expected);
                }
            }
        }

        assertThat(thrown).hasSizeGreaterThanOrEqualTo(failures.size() * 4);
        assertThat(thrown).allSatisfy(t -> assertThat(stackTrace(t)).doesNotContain(SENTINEL));
        assertThat(logs.list).isNotEmpty().allSatisfy(event -> assertThat(event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage())).doesNotContain(SENTINEL));
        assertThat(new TargetSettings(Dialect.GENERIC, URI.create(server.baseUrl()), null, SENTINEL, null, null, null, null, null).toString())
                .doesNotContain(SENTINEL);
        assertThat(server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl())))
                .as("the token did travel to the server").isNotEmpty();
    }

    private final IdentityLinkStore store = Fixtures.linkStore();

    private ProvisioningService service() {
        var api = ScimClients.create(new ScimClientConfig(URI.create(server.baseUrl()), () -> SENTINEL, Duration.ofSeconds(1),
                Duration.ofMillis(400), feign.Logger.Level.FULL));
        Target target = Fixtures.target("app", Dialect.GENERIC, api);
        return Fixtures.service(target, store, Fixtures.FAST);
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
