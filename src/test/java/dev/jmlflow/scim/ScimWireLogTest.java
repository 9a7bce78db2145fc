package dev.jmlflow.scim;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import feign.Logger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScimWireLogTest {

    private final String token = "SENTINEL-" + UUID.randomUUID();
    private final String personalValue = "SENTINEL-PII-" + UUID.randomUUID() + "@example.com";
    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final StringBuilder captured = new StringBuilder();
    private final java.util.logging.Logger wireLog = java.util.logging.Logger.getLogger(RedactingLogger.LOGGER_NAME);
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            captured.append(record.getMessage()).append('\n');
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void start() {
        server.start();
        previousLevel = wireLog.getLevel();
        wireLog.setLevel(Level.FINE);
        wireLog.addHandler(capture);
    }

    @AfterEach
    void stop() {
        wireLog.removeHandler(capture);
        wireLog.setLevel(previousLevel);
        server.stop();
    }

    @Test
    void fullWireLoggingNeverShowsTheTokenOrAFilterValue() {
        server.stubFor(get(urlPathEqualTo("/scim/v2/Users")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", ScimSchemas.MEDIA_TYPE)
                .withBody("{\"schemas\":[\"" + ScimSchemas.LIST_RESPONSE + "\"],\"totalResults\":0}")));
        server.stubFor(post("/scim/v2/Users").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "text/plain").withBody("bad credentials: Bearer " + token)));
        ScimApi api = ScimClients.create(new ScimClientConfig(URI.create(server.baseUrl() + "/scim/v2"), () -> token,
                Duration.ofSeconds(5), Duration.ofSeconds(20), Logger.Level.FULL));

        api.findUsers(ScimFilter.eq("userName", personalValue), 1, 10);
        assertThatExceptionOfType(ScimException.Unauthorized.class).isThrownBy(() -> api.createUser(
                new ScimUser(List.of(ScimSchemas.USER), null, "e-1", "jane@example.com", null, null, null, true, null, null, null, null)))
                .withMessageNotContaining(token);

        String log = captured.toString();
        assertThat(log).as("the wire log was written at all").contains("---> GET", "---> POST", "<--- HTTP/1.1 401");
        assertThat(log).doesNotContain(token).doesNotContain(personalValue.substring(0, 20));
        assertThat(log).contains("filter=[redacted]");
        assertThat(log).doesNotContainIgnoringCase("Authorization:");
    }

    @Test
    void aConnectionFailureInTheLogShowsNoQueryValue() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE)));
        ScimApi api = ScimClients.create(new ScimClientConfig(URI.create(server.baseUrl()), () -> token,
                Duration.ofSeconds(5), Duration.ofSeconds(20), Logger.Level.FULL));

        ScimException e = org.assertj.core.api.Assertions.catchThrowableOfType(ScimException.Unavailable.class,
                () -> api.findUsers(ScimFilter.eq("userName", personalValue), 1, 10));

        assertThat(captured.toString()).contains("<--- ERROR").doesNotContain(personalValue.substring(0, 20)).doesNotContain(token);
        assertThat(e).hasMessageNotContaining(personalValue.substring(0, 20));
    }
}
