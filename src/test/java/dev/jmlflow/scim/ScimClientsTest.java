package dev.jmlflow.scim;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScimClientsTest {

    private static final String TOKEN = "test-token-9f2c";
    private static final String USER_JSON = "{\"schemas\":[\"" + ScimSchemas.USER + "\"],\"id\":\"u-1\",\"userName\":\"jane@example.com\",\"active\":true}";
    private static final String EMPTY_LIST = "{\"schemas\":[\"" + ScimSchemas.LIST_RESPONSE + "\"],\"totalResults\":0}";

    private static final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private ScimApi api;

    @BeforeAll
    static void start() {
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        api = ScimClients.create(config(Duration.ofSeconds(5)));
    }

    @Test
    void everyRequestCarriesTheBearerTokenAndScimMediaTypes() {
        server.stubFor(get("/scim/v2/Users/u-1").willReturn(scimJson(200, USER_JSON)));

        api.getUser("u-1");

        server.verify(getRequestedFor(urlEqualTo("/scim/v2/Users/u-1"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo(ScimSchemas.MEDIA_TYPE)));
    }

    @Test
    void patchIsSentAsPatchWithAScimJsonBody() {
        server.stubFor(patch("/scim/v2/Users/u-1").willReturn(scimJson(200, USER_JSON)));

        api.patchUser("u-1", PatchRequest.of(PatchOperation.replace("active", false)));

        server.verify(1, patchRequestedFor(urlEqualTo("/scim/v2/Users/u-1"))
                .withHeader("Content-Type", equalTo(ScimSchemas.MEDIA_TYPE))
                .withRequestBody(equalToJson("{\"schemas\":[\"" + ScimSchemas.PATCH_OP + "\"],"
                        + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}")));
    }

    @Test
    void aGroupPatchAnswering204WithoutBodyReturnsNull() {
        server.stubFor(patch("/scim/v2/Groups/g-1").willReturn(aResponse().withStatus(204)));

        assertThat(api.patchGroup("g-1", PatchRequest.of(PatchOperation.addMember("u-1")))).isNull();
    }

    @Test
    void aListResponseWithoutResourcesIsAnEmptyList() {
        server.stubFor(get(urlPathEqualTo("/scim/v2/Users")).willReturn(scimJson(200, EMPTY_LIST)));

        ListResponse<ScimUser> result = api.findUsers(ScimFilter.eq("userName", "nobody@example.com"), 1, 10);

        assertThat(result.resources()).isEmpty();
        assertThat(result.totalResults()).isZero();
        assertThat(result.declaresListResponseSchema()).isTrue();
    }

    @Test
    void unknownAttributesInAnswersAreIgnored() {
        server.stubFor(get("/scim/v2/Users/u-1").willReturn(scimJson(200,
                "{\"id\":\"u-1\",\"userName\":\"jane@example.com\",\"x-vendor\":{\"a\":1},\"roles\":[\"admin\"]}")));

        assertThat(api.getUser("u-1").userName()).isEqualTo("jane@example.com");
    }

    @Test
    void nullAttributesAreNotSent() {
        server.stubFor(post("/scim/v2/Users").willReturn(scimJson(201, USER_JSON)));

        api.createUser(new ScimUser(List.of(ScimSchemas.USER), null, "e-1", "jane@example.com", null, null, null, true, null, null, null, null));

        LoggedRequest sent = server.findAll(postRequestedFor(urlEqualTo("/scim/v2/Users"))).get(0);
        assertThat(sent.getBodyAsString()).doesNotContain("null").doesNotContain("\"id\"");
    }

    @Test
    void rateLimitedCarriesRetryAfter() {
        server.stubFor(post("/scim/v2/Users").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "17")));

        ScimException.RateLimited e = catchThrowableOfType(ScimException.RateLimited.class, () -> api.createUser(newUser()));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
    }

    @Test
    void rateLimitedWithoutRetryAfterHasNoDuration() {
        server.stubFor(post("/scim/v2/Users").willReturn(aResponse().withStatus(429)));

        ScimException.RateLimited e = catchThrowableOfType(ScimException.RateLimited.class, () -> api.createUser(newUser()));

        assertThat(e.retryAfter()).isEmpty();
        server.verify(1, postRequestedFor(urlEqualTo("/scim/v2/Users")));
    }

    @Test
    void aPostThatOutlivesTheReadTimeoutIsSentOnceAndReportedUnavailable() {
        ScimApi impatient = ScimClients.create(config(Duration.ofMillis(300)));
        server.stubFor(post("/scim/v2/Users").willReturn(scimJson(201, USER_JSON).withFixedDelay(1_500)));

        ScimException.Unavailable e = catchThrowableOfType(ScimException.Unavailable.class, () -> impatient.createUser(newUser()));

        assertThat(e.status()).isZero();
        assertThat(e.isTransient()).isTrue();
        assertThat(e).hasMessageStartingWith("POST /scim/v2/Users got no complete answer");
        org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5)).untilAsserted(
                () -> assertThat(server.findAll(postRequestedFor(urlEqualTo("/scim/v2/Users")))).hasSize(1));
    }

    /** The JDK client itself repeats only GET on a dead connection; writes must reach the server exactly once. */
    @Test
    void aResetConnectionOnAWriteIsUnavailableWithStatusZeroAndNotRepeated() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ScimException.Unavailable post = catchThrowableOfType(ScimException.Unavailable.class, () -> api.createUser(newUser()));
        ScimException.Unavailable patch = catchThrowableOfType(ScimException.Unavailable.class,
                () -> api.patchUser("u-1", PatchRequest.of(PatchOperation.replace("active", false))));
        ScimException.Unavailable delete = catchThrowableOfType(ScimException.Unavailable.class, () -> api.deleteUser("u-1"));

        assertThat(List.of(post.status(), patch.status(), delete.status())).containsOnly(0);
        server.verify(1, postRequestedFor(urlEqualTo("/scim/v2/Users")));
        server.verify(1, patchRequestedFor(urlEqualTo("/scim/v2/Users/u-1")));
        server.verify(1, com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(urlEqualTo("/scim/v2/Users/u-1")));
    }

    @Test
    void aRefusedConnectionIsUnavailableWithStatusZero() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ScimApi nowhere = ScimClients.create(new ScimClientConfig(java.net.URI.create("http://127.0.0.1:" + closedPort + "/scim"),
                () -> TOKEN, Duration.ofSeconds(2), Duration.ofSeconds(2), null));

        assertThatExceptionOfType(ScimException.Unavailable.class).isThrownBy(() -> nowhere.getUser("u-1"))
                .satisfies(e -> assertThat(e.status()).isZero());
    }

    @Test
    void aNotFoundIsAnExceptionNotNull() {
        server.stubFor(get("/scim/v2/Users/gone").willReturn(scimJson(404, "{\"status\":\"404\",\"detail\":\"no such user\"}")));

        assertThatExceptionOfType(ScimException.NotFound.class).isThrownBy(() -> api.getUser("gone"))
                .withMessage("GET /scim/v2/Users/gone answered 404: no such user");
    }

    @Test
    void aServerErrorIsNotRetriedByTheClient() {
        server.stubFor(post("/scim/v2/Users").willReturn(aResponse().withStatus(503)));

        assertThatExceptionOfType(ScimException.Unavailable.class).isThrownBy(() -> api.createUser(newUser()));

        server.verify(1, postRequestedFor(urlEqualTo("/scim/v2/Users")));
    }

    @Test
    void anHtmlPageAnsweredWith200IsAProtocolViolation() {
        server.stubFor(get(urlPathEqualTo("/scim/v2/Users")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Sign in</body></html>")));

        assertThatExceptionOfType(ScimException.ProtocolViolation.class)
                .isThrownBy(() -> api.findUsers(ScimFilter.eq("userName", "jane@example.com"), 1, 10))
                .withMessage("GET /scim/v2/Users answered 200 with Content-Type text/html instead of SCIM JSON");
    }

    @Test
    void aGetAnsweredWithAnEmptyBodyIsAProtocolViolation() {
        server.stubFor(get("/scim/v2/Users/u-1").willReturn(aResponse().withStatus(200).withHeader("Content-Type", ScimSchemas.MEDIA_TYPE)));

        assertThatExceptionOfType(ScimException.ProtocolViolation.class).isThrownBy(() -> api.getUser("u-1"));
    }

    @Test
    void aBodyThatIsNotJsonIsAProtocolViolation() {
        server.stubFor(get("/scim/v2/Users/u-1").willReturn(scimJson(200, "{\"id\": \"u-1\", oops")));

        assertThatExceptionOfType(ScimException.ProtocolViolation.class).isThrownBy(() -> api.getUser("u-1"));
    }

    @Test
    void aCreateAnsweredWithoutAnIdIsAProtocolViolation() {
        server.stubFor(post("/scim/v2/Users").willReturn(scimJson(201, "{}")));

        assertThatExceptionOfType(ScimException.ProtocolViolation.class).isThrownBy(() -> api.createUser(newUser()))
                .withMessage("POST /scim/v2/Users answered 201 with a resource without an id");
    }

    @Test
    void aCreateAnswered200IsAccepted() {
        server.stubFor(post("/scim/v2/Users").willReturn(scimJson(200, USER_JSON)));

        assertThat(api.createUser(newUser()).id()).isEqualTo("u-1");
    }

    @Test
    void aDeleteAnswering200WithABodySucceeds() {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete("/scim/v2/Users/u-1")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"status\":\"200\"}")));

        api.deleteUser("u-1");

        server.verify(1, com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(urlEqualTo("/scim/v2/Users/u-1")));
    }

    @Test
    void anIdIsSentAsOnePathSegment() {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(anyUrl()).willReturn(aResponse().withStatus(204)));

        api.deleteUser("a/../b c+d?e#f");

        assertThat(server.getAllServeEvents()).singleElement()
                .satisfies(e -> assertThat(e.getRequest().getUrl()).isEqualTo("/scim/v2/Users/a%2F..%2Fb%20c%2Bd%3Fe%23f"));
    }

    @Test
    void aBlankIdOrADotSegmentIsRefusedBeforeAnythingIsSent() {
        assertThatIllegalArgumentException().isThrownBy(() -> api.deleteUser(" "));
        assertThatIllegalArgumentException().isThrownBy(() -> api.deleteUser(null));
        assertThatIllegalArgumentException().isThrownBy(() -> api.deleteUser(".."));

        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void aBlankTokenIsRefusedBeforeAnythingIsSent() {
        ScimApi blank = ScimClients.create(new ScimClientConfig(java.net.URI.create(server.baseUrl() + "/scim/v2"),
                () -> " ", Duration.ofSeconds(1), Duration.ofSeconds(1), null));

        assertThatExceptionOfType(ScimException.Unauthorized.class).isThrownBy(() -> blank.getUser("u-1"));
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void filtersArriveAtTheServerExactlyAsBuilt() {
        server.stubFor(get(urlPathEqualTo("/scim/v2/Users")).willReturn(scimJson(200, EMPTY_LIST)));
        FilterStrings strings = new FilterStrings(20260302);
        List<String> sent = new ArrayList<>(List.of("a+b@example.com", "a\" or userName pr or userName eq \"b",
                "back\\slash", "100% & more=yes#frag?q", "{id}", "J\u00f6rg.\u00dfmith@example.com", "\uD83D\uDE00@example.com"));
        for (int i = 0; i < 300; i++) {
            sent.add(strings.safe(16));
        }

        for (String value : sent) {
            api.findUsers(ScimFilter.eq("userName", value), 1, 10);
        }

        List<String> received = server.findAll(getRequestedFor(urlPathEqualTo("/scim/v2/Users"))).stream()
                .map(r -> r.queryParameter("filter").firstValue()).toList();
        assertThat(received).containsExactlyElementsOf(sent.stream().map(v -> ScimFilter.eq("userName", v).toString()).toList());
    }

    private ScimClientConfig config(Duration readTimeout) {
        return new ScimClientConfig(java.net.URI.create(server.baseUrl() + "/scim/v2/"), () -> TOKEN,
                Duration.ofSeconds(2), readTimeout, null);
    }

    private static ScimUser newUser() {
        return new ScimUser(List.of(ScimSchemas.USER), null, "e-1", "jane@example.com", null, null, null, true, null, null, null, null);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder scimJson(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", ScimSchemas.MEDIA_TYPE).withBody(body);
    }
}
