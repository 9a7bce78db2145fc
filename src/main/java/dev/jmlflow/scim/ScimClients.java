package dev.jmlflow.scim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import feign.Feign;
import feign.Request;
import feign.RequestInterceptor;
import feign.Retryer;
import feign.http2client.Http2Client;
import feign.jackson.JacksonEncoder;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.function.Supplier;

/** Builds {@link ScimApi} clients. Each client is thread-safe; build one per target and keep it. */
public final class ScimClients {

    private ScimClients() {
    }

    /**
     * A client that never retries at the HTTP level (a retried POST can create a duplicate account; retries are
     * Camunda jobs that look up first), turns every failure into a {@link ScimException}, sends
     * {@code application/scim+json}, and never logs the token or filter values.
     */
    public static ScimApi create(ScimClientConfig config) {
        // HTTP/1.1: HTTP/2 works against WireMock and the JDK HttpServer, but its cleartext "Upgrade: h2c" request
        // is refused by some proxies and WAFs, and SCIM gains nothing from multiplexing
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        ObjectMapper mapper = objectMapper();
        return Feign.builder()
                .client(new Http2Client(http))
                .options(new Request.Options(config.connectTimeout(), config.readTimeout(), false))
                .encoder(new JacksonEncoder(mapper))
                .decoder(new ScimResponseDecoder(mapper))
                .errorDecoder(new ScimErrorDecoder(mapper, Clock.systemUTC(), config.bearerToken()))
                .requestInterceptor(bearer(config.bearerToken()))
                .retryer(Retryer.NEVER_RETRY)
                .logger(new RedactingLogger())
                .logLevel(config.logLevel())
                .invocationHandlerFactory(new ScimExceptionTranslation())
                .target(ScimApi.class, config.baseUrl().toString());
    }

    /** The JSON mapping of the SCIM model: unknown attributes ignored (servers add their own), nulls omitted. */
    public static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    private static RequestInterceptor bearer(Supplier<String> token) {
        return template -> {
            String value = token.get();
            // a blank or multi-line token would send no or a forged header; refuse before anything leaves
            if (value == null || value.isBlank() || value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new ScimException.Unauthorized(template.method() + " " + template.path()
                        + " not sent: the configured token is empty or not a valid bearer token");
            }
            template.header("Authorization", "Bearer " + value);
        };
    }
}
