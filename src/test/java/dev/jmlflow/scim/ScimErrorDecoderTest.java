package dev.jmlflow.scim;

import static org.assertj.core.api.Assertions.assertThat;

import feign.Request;
import feign.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScimErrorDecoderTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final String SCIM_JSON = "application/scim+json";
    private static final String TOKEN = "tok-" + java.util.UUID.randomUUID();

    private final ScimErrorDecoder decoder = new ScimErrorDecoder(ScimClients.objectMapper(), Clock.fixed(NOW, ZoneOffset.UTC), () -> TOKEN);

    @Test
    void conflictCarriesScimTypeAndTheServersDetailInTheMessage() {
        Exception e = decode(Request.HttpMethod.POST, 409, SCIM_JSON, scimError("409", "uniqueness", "User already exists"));

        assertThat(e).isInstanceOf(ScimException.Conflict.class)
                .hasMessage("POST /scim/v2/Users answered 409 uniqueness: User already exists");
        assertThat(((ScimException) e).scimType()).contains("uniqueness");
        assertThat(((ScimException) e).isTransient()).isFalse();
    }

    @Test
    void aServerQuotingTheBareTokenNeverGetsItIntoTheMessage() {
        Exception e = decode(Request.HttpMethod.GET, 403, SCIM_JSON, scimError("403", null, "token " + TOKEN + " lacks scope"));

        assertThat(e).isInstanceOf(ScimException.Forbidden.class)
                .hasMessage("GET /scim/v2/Users answered 403: token [redacted] lacks scope");
    }

    @Test
    void notFoundIsNotFound() {
        assertThat(decode(Request.HttpMethod.GET, 404, SCIM_JSON, scimError("404", null, "Resource 1 not found")))
                .isInstanceOf(ScimException.NotFound.class)
                .hasMessage("GET /scim/v2/Users answered 404: Resource 1 not found");
    }

    @Test
    void badRequestWithInvalidFilterIsInvalidFilter() {
        assertThat(decode(Request.HttpMethod.GET, 400, SCIM_JSON, scimError("400", "invalidFilter", "bad filter")))
                .isInstanceOf(ScimException.InvalidFilter.class);
    }

    @Test
    void otherBadRequestsKeepScimTypeAndDetail() {
        Exception e = decode(Request.HttpMethod.PATCH, 400, SCIM_JSON, scimError("400", "mutability", "id is readOnly"));

        assertThat(e).isInstanceOf(ScimException.BadRequest.class);
        ScimException.BadRequest bad = (ScimException.BadRequest) e;
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.scimType()).contains("mutability");
        assertThat(bad.detail()).contains("id is readOnly");
    }

    @Test
    void preconditionFailedIsAPermanentBadRequest() {
        Exception e = decode(Request.HttpMethod.PUT, 412, SCIM_JSON, scimError("412", null, "version mismatch"));

        assertThat(e).isInstanceOf(ScimException.BadRequest.class);
        assertThat(((ScimException) e).status()).isEqualTo(412);
    }

    @Test
    void unauthorizedAsPlainTextIsUnauthorizedQuotingTheText() {
        assertThat(decode(Request.HttpMethod.GET, 401, "text/plain", "Invalid token\n"))
                .isInstanceOf(ScimException.Unauthorized.class)
                .hasMessage("GET /scim/v2/Users answered 401: Invalid token");
    }

    @Test
    void anEchoedBearerCredentialNeverReachesTheMessage() {
        assertThat(decode(Request.HttpMethod.GET, 401, "text/plain", "rejected Authorization: Bearer SENTINEL-abc123"))
                .hasMessageNotContaining("SENTINEL-abc123")
                .hasMessageContaining("Bearer [redacted]");
    }

    @Test
    void forbiddenKeepsScimType() {
        Exception e = decode(Request.HttpMethod.GET, 403, SCIM_JSON, scimError("403", "sensitive", "PII in URI"));

        assertThat(e).isInstanceOf(ScimException.Forbidden.class);
        assertThat(((ScimException) e).scimType()).contains("sensitive");
    }

    @Test
    void rateLimitedCarriesRetryAfterSeconds() {
        Exception e = decode(Request.HttpMethod.POST, 429, Map.of("Retry-After", List.of("30")), "text/plain", "slow down");

        assertThat(e).isInstanceOf(ScimException.RateLimited.class);
        assertThat(((ScimException.RateLimited) e).retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(((ScimException) e).isTransient()).isTrue();
    }

    @Test
    void rateLimitedCarriesRetryAfterGivenAsHttpDate() {
        Exception e = decode(Request.HttpMethod.POST, 429, Map.of("Retry-After", List.of("Mon, 02 Mar 2026 10:02:00 GMT")), null, "");

        assertThat(((ScimException.RateLimited) e).retryAfter()).contains(Duration.ofMinutes(2));
    }

    @Test
    void rateLimitedWithAnHttpDateInThePastMeansRetryNow() {
        Exception e = decode(Request.HttpMethod.POST, 429, Map.of("Retry-After", List.of("Mon, 02 Mar 2026 09:00:00 GMT")), null, "");

        assertThat(((ScimException.RateLimited) e).retryAfter()).contains(Duration.ZERO);
    }

    @Test
    void rateLimitedWithoutOrWithAnUnreadableRetryAfterHasNoDuration() {
        Exception without = decode(Request.HttpMethod.GET, 429, SCIM_JSON, "");
        Exception unreadable = decode(Request.HttpMethod.GET, 429, Map.of("Retry-After", List.of("soon")), null, "");

        assertThat(((ScimException.RateLimited) without).retryAfter()).isEmpty();
        assertThat(((ScimException.RateLimited) unreadable).retryAfter()).isEmpty();
    }

    @Test
    void serviceUnavailableCarriesRetryAfterSecondsOrHttpDate() {
        Exception seconds = decode(Request.HttpMethod.PATCH, 503, Map.of("Retry-After", List.of("3600")), null, "");
        Exception date = decode(Request.HttpMethod.PATCH, 503, Map.of("Retry-After", List.of("Mon, 02 Mar 2026 10:02:00 GMT")), null, "");
        Exception without = decode(Request.HttpMethod.PATCH, 503, SCIM_JSON, "");

        assertThat(((ScimException.Unavailable) seconds).retryAfter()).contains(Duration.ofHours(1));
        assertThat(((ScimException.Unavailable) date).retryAfter()).contains(Duration.ofMinutes(2));
        assertThat(((ScimException.Unavailable) without).retryAfter()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreTransientlyUnavailable(int status) {
        Exception e = decode(Request.HttpMethod.DELETE, status, SCIM_JSON, scimError(String.valueOf(status), null, "oops"));

        assertThat(e).isInstanceOf(ScimException.Unavailable.class);
        assertThat(((ScimException) e).status()).isEqualTo(status);
        assertThat(((ScimException) e).isTransient()).isTrue();
    }

    @Test
    void notImplementedIsPermanentNotTransient() {
        Exception e = decode(Request.HttpMethod.PATCH, 501, SCIM_JSON, scimError("501", null, "PATCH not supported"));

        assertThat(e).isInstanceOf(ScimException.BadRequest.class);
        assertThat(((ScimException) e).isTransient()).isFalse();
    }

    @Test
    void anHtmlErrorPageIsMappedByStatusButNotQuoted() {
        String html = "<!DOCTYPE html><html><body><h1>Bad Gateway</h1><script>x()</script></body></html>";

        Exception e = decode(Request.HttpMethod.GET, 502, "text/html; charset=utf-8", html);

        assertThat(e).isInstanceOf(ScimException.Unavailable.class)
                .hasMessageStartingWith("GET /scim/v2/Users answered 502: (HTML page")
                .hasMessageNotContaining("<");
    }

    @Test
    void aRedirectIsAProtocolViolation() {
        assertThat(decode(Request.HttpMethod.GET, 302, null, "")).isInstanceOf(ScimException.ProtocolViolation.class)
                .hasMessage("GET /scim/v2/Users answered 302");
    }

    @Test
    void theMessageNeverShowsTheQueryString() {
        assertThat(decode(Request.HttpMethod.GET, 400, SCIM_JSON, scimError("400", "invalidFilter", "no")))
                .hasMessageNotContaining("filter=")
                .hasMessageNotContaining("jane");
    }

    @Test
    void aLongDetailIsTruncated() {
        Exception e = decode(Request.HttpMethod.POST, 400, SCIM_JSON, scimError("400", "invalidValue", "x".repeat(5_000)));

        assertThat(e.getMessage()).hasSizeLessThan(300).endsWith("...");
    }

    @Test
    void aJsonErrorWithoutScimFieldsFallsBackToItsMessage() {
        assertThat(decode(Request.HttpMethod.POST, 400, "application/json", "{\"message\":\"email is required\"}"))
                .isInstanceOf(ScimException.BadRequest.class)
                .hasMessage("POST /scim/v2/Users answered 400: email is required");
    }

    @Test
    void aBrokenJsonBodyIsQuotedAsText() {
        assertThat(decode(Request.HttpMethod.POST, 409, SCIM_JSON, "{\"detail\": \"dup"))
                .isInstanceOf(ScimException.Conflict.class)
                .hasMessage("POST /scim/v2/Users answered 409: {\"detail\": \"dup");
    }

    private Exception decode(Request.HttpMethod method, int status, String contentType, String body) {
        return decode(method, status, Map.of(), contentType, body);
    }

    private Exception decode(Request.HttpMethod method, int status, Map<String, List<String>> headers, String contentType, String body) {
        Map<String, java.util.Collection<String>> all = new java.util.HashMap<>(headers);
        if (contentType != null) {
            all.put("Content-Type", List.of(contentType));
        }
        Request request = Request.create(method, "https://scim.example/scim/v2/Users?filter=userName%20eq%20%22jane%22",
                Map.of(), null, StandardCharsets.UTF_8, null);
        Response response = Response.builder().status(status).reason("x").request(request).headers(all)
                .body(body, StandardCharsets.UTF_8).build();
        return decoder.decode("ScimApi#call()", response);
    }

    private static String scimError(String status, String scimType, String detail) {
        return "{\"schemas\":[\"" + ScimSchemas.ERROR + "\"],\"status\":\"" + status + "\""
                + (scimType == null ? "" : ",\"scimType\":\"" + scimType + "\"")
                + ",\"detail\":\"" + detail + "\"}";
    }
}
