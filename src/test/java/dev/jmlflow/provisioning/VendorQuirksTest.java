package dev.jmlflow.provisioning;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.jmlflow.scim.ScimException;
import dev.jmlflow.targets.Dialect;
import dev.jmlflow.targets.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The vendor quirks no real server here shows (scim-test-peers.md), one WireMock switch each, asserting the
 * requests that reached the server: above all, that nothing was written where it must not be.
 */
class VendorQuirksTest {

    private static final String SCIM = "application/scim+json";
    private static final String TOKEN = "quirk-token-" + Fixtures.unique();
    private static final String INVALID_FILTER = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],"
            + "\"status\":\"400\",\"scimType\":\"invalidFilter\"}";

    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private IdentityLinkStore store;

    @BeforeEach
    void start() throws Exception {
        server.start();
        store = Fixtures.linkStore();
        // a healthy target by default: /ServiceProviderConfig with PATCH, canary lookups answer 200 + 0
        server.stubFor(get(urlEqualTo("/ServiceProviderConfig")).willReturn(json(200,
                "{\"patch\":{\"supported\":true},\"filter\":{\"supported\":true,\"maxResults\":100},\"etag\":{\"supported\":false}}")));
        server.stubFor(get(urlPathEqualTo("/Users")).withQueryParam("filter", containing("invalid.example")).atPriority(1)
                .willReturn(json(200, list(0))));
        warmUp();
    }

    /**
     * The first request a fresh WireMock serves can take seconds on a loaded machine, longer than the clients' read
     * timeouts here: serve one before the test and forget it.
     */
    private void warmUp() throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/ServiceProviderConfig")).build(),
                HttpResponse.BodyHandlers.discarding());
        server.resetRequests();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private ProvisioningService service(Dialect dialect) {
        return service(dialect, Duration.ofSeconds(2));
    }

    private ProvisioningService service(Dialect dialect, Duration readTimeout) {
        Target target = Fixtures.target("app", dialect, Fixtures.client(server.baseUrl(), TOKEN, readTimeout));
        return Fixtures.service(target, store, Fixtures.FAST);
    }

    // --- Coginiti: an unsupported filter returns every user ----------------------------------------------------

    @Test
    void coginitiListingEveryUserForALookupNeverWritesToANonMatchingUser() {
        Employee e = Fixtures.employee("1");
        server.stubFor(get(urlPathEqualTo("/Users")).withQueryParam("filter", notContaining("invalid.example"))
                .willReturn(json(200, list(3, user("u1", "alice@example.com", null, true), user("u2", "bob@example.com", null, true),
                        user("u3", "carol@example.com", null, true)))));
        server.stubFor(post(urlEqualTo("/Users")).willReturn(json(201, user("new", e.userName(), null, true))));

        AccountLink link = service(Dialect.COGINITI).ensureUser("app", e);

        assertThat(link.scimId()).isEqualTo("new");
        server.verify(0, patchRequestedFor(anyUrl()));
        server.verify(0, putRequestedFor(anyUrl()));
        server.verify(0, deleteRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"CORALOGIX", "CORTEX", "GENERIC"})
    void aLookupAnsweredWithEveryUserIsRefusedByStrictDialects(Dialect dialect) {
        Employee e = Fixtures.employee("2");
        server.stubFor(get(urlPathEqualTo("/Users")).withQueryParam("filter", notContaining("invalid.example"))
                .willReturn(json(200, list(2, user("u1", e.userName(), e.employeeId(), true), user("u2", "bob@example.com", null, true)))));

        assertThatThrownBy(() -> service(dialect).ensureUser("app", e)).isInstanceOf(IdentityMismatchException.class);

        assertNoWrites();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aTargetWhoseCanaryLookupFindsUsersIsFilterUnsafeAndNeverMatchedByLookup(Dialect dialect) {
        Employee e = Fixtures.employee("3");
        server.stubFor(get(urlPathEqualTo("/Users")).atPriority(0)
                .willReturn(json(200, list(1, user("u1", e.userName(), e.employeeId(), true)))));

        assertThatThrownBy(() -> service(dialect).ensureUser("app", e)).isInstanceOf(UnsafeLookupException.class);

        assertNoWrites();
    }

    // --- lookups that must never drive a write ------------------------------------------------------------------

    @Test
    void aLookupReturningTheSameUserTwiceLeadsToNoWrite() {
        Employee e = Fixtures.employee("4");
        String u = user("u1", e.userName(), e.employeeId(), false);
        stubLookup(json(200, list(2, u, u)));

        assertThatThrownBy(() -> service(Dialect.GENERIC).ensureUser("app", e)).isInstanceOf(IdentityMismatchException.class);

        assertNoWrites();
    }

    @Test
    void aLookupReturningADifferentUserLeadsToNoWrite() {
        Employee e = Fixtures.employee("5");
        stubLookup(json(200, list(1, user("u9", "someone.else@example.com", e.employeeId(), false))));

        assertThatThrownBy(() -> service(Dialect.GENERIC).ensureUser("app", e)).isInstanceOf(IdentityMismatchException.class);

        assertNoWrites();
    }

    @Test
    void aLookupAnsweredWithAnHtmlPageLeadsToNoWrite() {
        Employee e = Fixtures.employee("6");
        stubLookup(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>login</html>"));

        assertThatThrownBy(() -> service(Dialect.GENERIC).ensureUser("app", e)).isInstanceOf(ScimException.ProtocolViolation.class);

        assertNoWrites();
    }

    @Test
    void aListResponseWithoutResourcesMeansAbsent() {
        Employee e = Fixtures.employee("7");
        stubLookup(json(200, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":0}"));
        server.stubFor(post(urlEqualTo("/Users")).willReturn(json(201, user("new", e.userName(), e.employeeId(), true))));

        assertThat(service(Dialect.GENERIC).ensureUser("app", e).scimId()).isEqualTo("new");
        server.verify(1, postRequestedFor(urlEqualTo("/Users"))
                .withRequestBody(matchingJsonPath("$.externalId", equalTo(e.employeeId()))));
    }

    // --- 409 on create (Coralogix) ---------------------------------------------------------------------------

    @Test
    void aConflictOnCreateIsResolvedByAdoptingOurOwnAccount() {
        Employee e = Fixtures.employee("8");
        stubConflictThenVisible(e, e.employeeId());

        AccountLink link = service(Dialect.CORALOGIX).ensureUser("app", e);

        assertThat(link.scimId()).isEqualTo("u8");
        server.verify(1, postRequestedFor(urlEqualTo("/Users")));
    }

    @Test
    void aConflictOnCreateWithSomeoneElsesAccountIsAConflict() {
        Employee e = Fixtures.employee("9");
        stubConflictThenVisible(e, "not-" + e.employeeId());

        assertThatThrownBy(() -> service(Dialect.CORALOGIX).ensureUser("app", e)).isInstanceOf(AccountConflictException.class);

        server.verify(1, postRequestedFor(urlEqualTo("/Users")));
        server.verify(0, patchRequestedFor(anyUrl()));
        assertThat(store.find("app", e.employeeId())).isEmpty();
    }

    // --- uncertain creates and eventual consistency ----------------------------------------------------------------

    @Test
    void aCreateThatTimedOutAfterTheServerCreatedTheUserEndsWithExactlyOneAccount() {
        Employee e = Fixtures.employee("10");
        server.stubFor(lookup().inScenario("create").whenScenarioStateIs(Scenario.STARTED).willReturn(json(200, list(0))));
        server.stubFor(post(urlEqualTo("/Users")).inScenario("create").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("created").willReturn(json(201, user("u10", e.userName(), e.employeeId(), true)).withFixedDelay(1500)));
        server.stubFor(lookup().inScenario("create").whenScenarioStateIs("created")
                .willReturn(json(200, list(1, user("u10", e.userName(), e.employeeId(), true)))));
        ProvisioningService service = service(Dialect.CORTEX, Duration.ofMillis(400));

        assertThatThrownBy(() -> service.ensureUser("app", e)).isInstanceOf(ScimException.Unavailable.class);
        AccountLink link = service.ensureUser("app", e);

        assertThat(link.scimId()).isEqualTo("u10");
        assertThat(link.origin()).isEqualTo(AccountOrigin.CREATED);
        server.verify(1, postRequestedFor(urlEqualTo("/Users")));
    }

    @Test
    void aLookupThatFindsNothingRightAfterOurOwnCreateNeverLeadsToASecondPost() {
        Employee e = Fixtures.employee("11");
        server.stubFor(post(urlEqualTo("/Users")).willReturn(json(201, user("u11", e.userName(), e.employeeId(), true)).withFixedDelay(600)));
        // the filter lags: it answers 0 for the first six lookups, then finds the user
        for (int i = 0; i < 6; i++) {
            server.stubFor(lookup().inScenario("lag").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "s" + i)
                    .willSetStateTo("s" + (i + 1)).willReturn(json(200, list(0))));
        }
        server.stubFor(lookup().inScenario("lag").whenScenarioStateIs("s6")
                .willReturn(json(200, list(1, user("u11", e.userName(), e.employeeId(), true)))));
        ProvisioningService service = service(Dialect.GENERIC, Duration.ofMillis(300));

        assertThatThrownBy(() -> service.ensureUser("app", e)).isInstanceOf(ScimException.Unavailable.class);
        assertThatThrownBy(() -> service.ensureUser("app", e)).isInstanceOf(RetryLaterException.class);
        AccountLink link = service.ensureUser("app", e);

        assertThat(link.scimId()).isEqualTo("u11");
        server.verify(1, postRequestedFor(urlEqualTo("/Users")));
    }

    // --- 429 (Cortex) ----------------------------------------------------------------------------------------

    @Test
    void a429WithRetryAfterIsHandedUpAndHoldsBackFurtherCalls() {
        Employee e = Fixtures.employee("12");
        stubLookup(aResponse().withStatus(429).withHeader("Retry-After", "7"));
        ProvisioningService service = service(Dialect.CORTEX);

        assertThatThrownBy(() -> service.ensureUser("app", e)).isInstanceOfSatisfying(ScimException.RateLimited.class,
                r -> assertThat(r.retryAfter()).contains(Duration.ofSeconds(7)));
        int requestsSoFar = server.getAllServeEvents().size();
        assertThatThrownBy(() -> service.ensureUser("app", e)).isInstanceOfSatisfying(ScimException.RateLimited.class,
                r -> assertThat(r.retryAfter()).get().matches(d -> d.compareTo(Duration.ofSeconds(7)) <= 0 && !d.isZero()));

        assertThat(server.getAllServeEvents()).hasSize(requestsSoFar);
        assertNoWrites();
    }

    @Test
    void a429WithoutRetryAfterIsTransientAndHoldsBackFurtherCallsForADefaultPause() {
        Employee e = Fixtures.employee("13");
        stubLookup(aResponse().withStatus(429));
        ProvisioningService service = service(Dialect.CORTEX);

        assertThatThrownBy(() -> service.ensureUser("app", e)).isInstanceOfSatisfying(ScimException.RateLimited.class,
                r -> assertThat(r.isTransient()).isTrue());
        int requestsSoFar = server.getAllServeEvents().size();
        assertThatThrownBy(() -> service.ensureUser("app", e)).isInstanceOfSatisfying(ScimException.RateLimited.class,
                r -> assertThat(r.retryAfter()).isPresent());

        assertThat(server.getAllServeEvents()).hasSize(requestsSoFar);
    }

    @Test
    void aCreateAnswering200IsASuccess() {
        Employee e = Fixtures.employee("14");
        stubLookup(json(200, list(0)));
        server.stubFor(post(urlEqualTo("/Users")).willReturn(json(200, user("u14", e.userName(), e.employeeId(), true))));

        assertThat(service(Dialect.CORTEX).ensureUser("app", e).scimId()).isEqualTo("u14");
    }

    // --- 401 text/plain, group PATCH 204, DELETE 500 ----------------------------------------------------------

    @Test
    void a401InPlainTextIsAPermanentErrorWithoutTheToken() {
        Employee e = Fixtures.employee("15");
        server.stubFor(get(anyUrl()).atPriority(0).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "text/plain")
                .withBody("Unauthorized: Bearer " + TOKEN + " rejected")));

        assertThatThrownBy(() -> service(Dialect.CORALOGIX).ensureUser("app", e))
                .satisfies(t -> assertThat(t.getMessage()).doesNotContain(TOKEN));
        assertNoWrites();
    }

    @Test
    void aGroupPatchAnswering204WithoutABodyIsASuccess() {
        Employee e = Fixtures.employee("16");
        store.save(new AccountLink("app", e.employeeId(), "u16", e.userName(), AccountOrigin.CREATED, LinkState.ACTIVE, Instant.now()));
        server.stubFor(get(urlEqualTo("/Users/u16")).willReturn(json(200, user("u16", e.userName(), e.employeeId(), true))));
        server.stubFor(get(urlPathEqualTo("/Groups")).willReturn(json(200, list(1, "{\"id\":\"g1\",\"displayName\":\"Engineering\"}"))));
        server.stubFor(get(urlEqualTo("/Groups/g1")).inScenario("add").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, "{\"id\":\"g1\",\"displayName\":\"Engineering\",\"members\":[]}")));
        server.stubFor(patch(urlEqualTo("/Groups/g1")).inScenario("add").willSetStateTo("added").willReturn(aResponse().withStatus(204)));
        server.stubFor(get(urlEqualTo("/Groups/g1")).inScenario("add").whenScenarioStateIs("added")
                .willReturn(json(200, "{\"id\":\"g1\",\"displayName\":\"Engineering\",\"members\":[{\"value\":\"u16\"}]}")));

        service(Dialect.CORALOGIX).addMembership("app", e.employeeId(), e.userName(), "Engineering");

        server.verify(1, patchRequestedFor(urlEqualTo("/Groups/g1"))
                .withRequestBody(matchingJsonPath("$.Operations[0].op", equalTo("add")))
                .withRequestBody(matchingJsonPath("$.Operations[0].value[0].value", equalTo("u16"))));
    }

    @Test
    void aDeleteAnswering500ForAMissingUserConvergesOnTheRetry() {
        Employee e = Fixtures.employee("17");
        store.save(new AccountLink("app", e.employeeId(), "u17", e.userName(), AccountOrigin.CREATED, LinkState.DEACTIVATED, Instant.now()));
        server.stubFor(get(urlEqualTo("/Users/u17")).inScenario("del").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, user("u17", e.userName(), e.employeeId(), false))));
        server.stubFor(delete(urlEqualTo("/Users/u17")).inScenario("del").willSetStateTo("gone")
                .willReturn(json(500, "{\"detail\":\"internal error\"}")));
        server.stubFor(get(urlEqualTo("/Users/u17")).inScenario("del").whenScenarioStateIs("gone").willReturn(json(404, "{}")));
        stubLookup(json(200, list(0)));
        ProvisioningService service = service(Dialect.GENERIC);

        assertThatThrownBy(() -> service.delete("app", e.employeeId())).isInstanceOf(ScimException.Unavailable.class);
        service.delete("app", e.employeeId());

        assertThat(store.find("app", e.employeeId())).get().extracting(AccountLink::state).isEqualTo(LinkState.DELETED);
        server.verify(1, deleteRequestedFor(urlEqualTo("/Users/u17")));
    }

    @Test
    void a404FromATargetThatAnswers404ToEverythingIsNotReadAsAlreadyDeleted() {
        Employee e = Fixtures.employee("18");
        store.save(new AccountLink("app", e.employeeId(), "u18", e.userName(), AccountOrigin.CREATED, LinkState.DEACTIVATED, Instant.now()));
        server.stubFor(any404());

        assertThatThrownBy(() -> service(Dialect.CORALOGIX).delete("app", e.employeeId())).isInstanceOf(ScimException.Unavailable.class);

        assertThat(store.find("app", e.employeeId())).get().extracting(AccountLink::state).isEqualTo(LinkState.DEACTIVATED);
    }

    // --- a 404 on the stored id is proven by lookups ---------------------------------------------------------------

    @Test
    void a404OnTheStoredIdIsGoneOnlyAfterLookupsByUserNameAndByExternalIdFindNothing() {
        Employee e = Fixtures.employee("30");
        store.save(new AccountLink("app", e.employeeId(), "u30", e.userName(), AccountOrigin.CREATED, LinkState.ACTIVE, Instant.now()));
        server.stubFor(get(urlEqualTo("/Users/u30")).willReturn(json(404, "{\"detail\":\"not found\"}")));
        stubLookup(json(200, list(0)));

        service(Dialect.GENERIC).deactivate("app", e.employeeId());

        assertThat(store.find("app", e.employeeId())).get().extracting(AccountLink::state).isEqualTo(LinkState.DELETED);
        server.verify(getRequestedFor(urlPathEqualTo("/Users")).withQueryParam("filter", equalTo("userName eq \"" + e.userName() + "\"")));
        server.verify(getRequestedFor(urlPathEqualTo("/Users")).withQueryParam("filter", equalTo("externalId eq \"" + e.employeeId() + "\"")));
        assertNoWrites();
    }

    @Test
    void coginitiA404IsGoneWhenTheFullUserListHasNoExactMatchForTheUserName() {
        Employee e = Fixtures.employee("31");
        store.save(new AccountLink("app", e.employeeId(), "u31", e.userName(), AccountOrigin.CREATED, LinkState.ACTIVE, Instant.now()));
        server.stubFor(get(urlEqualTo("/Users/u31")).willReturn(json(404, "{\"detail\":\"not found\"}")));
        // Coginiti answers every filter it cannot handle with all users: only the exact userName counts
        stubLookup(json(200, list(2, user("u1", "alice@example.com", null, true), user("u2", e.userName() + ".old", null, true))));

        service(Dialect.COGINITI).deactivate("app", e.employeeId());

        assertThat(store.find("app", e.employeeId())).get().extracting(AccountLink::state).isEqualTo(LinkState.DELETED);
        server.verify(getRequestedFor(urlPathEqualTo("/Users")).withQueryParam("filter", equalTo("userName eq \"" + e.userName() + "\"")));
        assertNoWrites();
    }

    @Test
    void coginitiA404IsNotGoneWhileTheUserListStillHasTheUserNameAndNothingIsWritten() {
        Employee e = Fixtures.employee("32");
        store.save(new AccountLink("app", e.employeeId(), "u32", e.userName(), AccountOrigin.CREATED, LinkState.ACTIVE, Instant.now()));
        server.stubFor(get(urlEqualTo("/Users/u32")).willReturn(json(404, "{\"detail\":\"not found\"}")));
        // re-created under a new id, but Coginiti keeps no externalId: nothing proves the account is the employee's
        stubLookup(json(200, list(2, user("u1", "alice@example.com", null, true), user("u99", e.userName(), null, true))));

        assertThatThrownBy(() -> service(Dialect.COGINITI).deactivate("app", e.employeeId()))
                .isInstanceOf(IdentityMismatchException.class);

        assertThat(store.find("app", e.employeeId())).get().extracting(AccountLink::state).isEqualTo(LinkState.ACTIVE);
        assertNoWrites();
    }

    // --- deactivation read-back, PUT-only updates ----------------------------------------------------------------

    @Test
    void deactivateReadsBackUntilTheTargetShowsInactive() {
        Employee e = Fixtures.employee("19");
        store.save(new AccountLink("app", e.employeeId(), "u19", e.userName(), AccountOrigin.CREATED, LinkState.ACTIVE, Instant.now()));
        String active = user("u19", e.userName(), e.employeeId(), true);
        server.stubFor(get(urlEqualTo("/Users/u19")).inScenario("lag").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("r1").willReturn(json(200, active)));
        server.stubFor(get(urlEqualTo("/Users/u19")).inScenario("lag").whenScenarioStateIs("r1").willSetStateTo("r2").willReturn(json(200, active)));
        server.stubFor(get(urlEqualTo("/Users/u19")).inScenario("lag").whenScenarioStateIs("r2")
                .willReturn(json(200, user("u19", e.userName(), e.employeeId(), false))));
        server.stubFor(patch(urlEqualTo("/Users/u19")).willReturn(aResponse().withStatus(204)));

        service(Dialect.CORTEX).deactivate("app", e.employeeId());

        assertThat(store.find("app", e.employeeId())).get().extracting(AccountLink::state).isEqualTo(LinkState.DEACTIVATED);
        server.verify(1, patchRequestedFor(urlEqualTo("/Users/u19")).withRequestBody(matchingJsonPath("$.Operations[0].value", equalTo("false"))));
    }

    @Test
    void deactivateThatNeverShowsOnTheTargetIsRetriedLater() {
        Employee e = Fixtures.employee("20");
        store.save(new AccountLink("app", e.employeeId(), "u20", e.userName(), AccountOrigin.CREATED, LinkState.ACTIVE, Instant.now()));
        server.stubFor(get(urlEqualTo("/Users/u20")).willReturn(json(200, user("u20", e.userName(), e.employeeId(), true))));
        server.stubFor(patch(urlEqualTo("/Users/u20")).willReturn(aResponse().withStatus(204)));

        assertThatThrownBy(() -> service(Dialect.CORALOGIX).deactivate("app", e.employeeId()))
                .isInstanceOfSatisfying(RetryLaterException.class, r -> assertThat(r.isTransient()).isTrue());

        assertThat(store.find("app", e.employeeId())).get().extracting(AccountLink::state).isEqualTo(LinkState.ACTIVE);
    }

    @Test
    void coginitiUpdatesByPuttingTheWholeUserAndKeepsAttributesItDoesNotKnow() {
        Employee e = Fixtures.employee("21");
        store.save(new AccountLink("app", e.employeeId(), "u21", e.userName(), AccountOrigin.CREATED, LinkState.ACTIVE, Instant.now()));
        server.stubFor(get(urlEqualTo("/Users/u21")).willReturn(json(200, "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"id\":\"u21\",\"userName\":\"" + e.userName() + "\",\"active\":true,\"roles\":[{\"value\":\"admin\"}],"
                + "\"name\":{\"givenName\":\"Old\",\"familyName\":\"Name\",\"fullName\":\"Old Name\"},\"meta\":{\"resourceType\":\"User\"}}")));
        server.stubFor(put(urlEqualTo("/Users/u21")).willReturn(aResponse().withStatus(204)));

        service(Dialect.COGINITI).updateAttributes("app", e);

        server.verify(1, putRequestedFor(urlEqualTo("/Users/u21"))
                .withRequestBody(matchingJsonPath("$.roles[0].value", equalTo("admin")))
                .withRequestBody(matchingJsonPath("$.name.fullName", equalTo("Old Name")))
                .withRequestBody(matchingJsonPath("$.name.givenName", equalTo(e.givenName())))
                .withRequestBody(matchingJsonPath("$.title", equalTo(e.jobTitle()))));
        server.verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void coginitiDeleteAnswering200WithAStatusBodyIsASuccess() {
        Employee e = Fixtures.employee("22");
        store.save(new AccountLink("app", e.employeeId(), "u22", e.userName(), AccountOrigin.CREATED, LinkState.DEACTIVATED, Instant.now()));
        server.stubFor(get(urlEqualTo("/Users/u22")).willReturn(json(200, user("u22", e.userName(), null, false))));
        server.stubFor(delete(urlEqualTo("/Users/u22")).willReturn(json(200, "{\"status\":\"200\"}")));

        service(Dialect.COGINITI).delete("app", e.employeeId());

        assertThat(store.find("app", e.employeeId())).get().extracting(AccountLink::state).isEqualTo(LinkState.DELETED);
    }

    @Test
    void coginitiChangesMembershipByPuttingTheGroupWithEveryOtherMemberKept() {
        Employee e = Fixtures.employee("23");
        store.save(new AccountLink("app", e.employeeId(), "u23", e.userName(), AccountOrigin.CREATED, LinkState.ACTIVE, Instant.now()));
        server.stubFor(get(urlEqualTo("/Users/u23")).willReturn(json(200, user("u23", e.userName(), null, true))));
        server.stubFor(get(urlPathEqualTo("/Groups")).willReturn(json(200, list(2, "{\"id\":\"g0\",\"displayName\":\"Sales\"}",
                "{\"id\":\"g1\",\"displayName\":\"Engineering\"}"))));
        String before = "{\"id\":\"g1\",\"displayName\":\"Engineering\",\"description\":\"devs\",\"members\":[{\"value\":\"other\"}]}";
        server.stubFor(get(urlEqualTo("/Groups/g1")).inScenario("put").whenScenarioStateIs(Scenario.STARTED).willReturn(json(200, before)));
        server.stubFor(put(urlEqualTo("/Groups/g1")).inScenario("put").willSetStateTo("done").willReturn(aResponse().withStatus(204)));
        server.stubFor(get(urlEqualTo("/Groups/g1")).inScenario("put").whenScenarioStateIs("done").willReturn(json(200,
                "{\"id\":\"g1\",\"displayName\":\"Engineering\",\"members\":[{\"value\":\"other\"},{\"value\":\"u23\"}]}")));
        ProvisioningService service = service(Dialect.COGINITI);

        service.addMembership("app", e.employeeId(), e.userName(), "Engineering");
        service.addMembership("app", e.employeeId(), e.userName(), "Engineering");

        server.verify(1, putRequestedFor(urlEqualTo("/Groups/g1"))
                .withRequestBody(matchingJsonPath("$.members[0].value", equalTo("other")))
                .withRequestBody(matchingJsonPath("$.members[1].value", equalTo("u23")))
                .withRequestBody(matchingJsonPath("$.description", equalTo("devs"))));
        server.verify(0, patchRequestedFor(anyUrl()));
    }

    // --- membership is proven by a read that shows the members, or by a filter on members --------------------

    @Test
    void aRemovalFromAGroupThatLeavesOutItsMembersIsUnverifiableNeverDone() {
        Employee e = Fixtures.employee("30");
        linked(e, "u30");
        stubGroupNamed("g1", "Engineering");
        server.stubFor(get(urlEqualTo("/Groups/g1")).willReturn(json(200, "{\"id\":\"g1\",\"displayName\":\"Engineering\"}")));
        server.stubFor(membersFilter().willReturn(json(400, INVALID_FILTER)));
        server.stubFor(patch(urlEqualTo("/Groups/g1")).willReturn(aResponse().withStatus(204)));

        assertThatThrownBy(() -> service(Dialect.GENERIC).removeMembership("app", e.employeeId(), e.userName(), "Engineering"))
                .isInstanceOf(MembershipUnverifiableException.class)
                .hasMessageContaining("group g1").hasMessageContaining("employee E30");
    }

    @Test
    void aRemovalFromAGroupThatLeavesOutItsMembersIsProvenByAFilterOnMembers() {
        Employee e = Fixtures.employee("31");
        linked(e, "u31");
        stubGroupNamed("g1", "Engineering");
        server.stubFor(get(urlEqualTo("/Groups/g1")).willReturn(json(200, "{\"id\":\"g1\",\"displayName\":\"Engineering\"}")));
        // the server honours the filter: an id that cannot be a member finds nothing, ours finds the group until removed
        server.stubFor(membersFilter().atPriority(2).willReturn(json(200, list(0))));
        server.stubFor(membersFilter().withQueryParam("filter", containing("\"u31\"")).atPriority(1).inScenario("rm")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(json(200, list(1, "{\"id\":\"g1\",\"displayName\":\"Engineering\"}"))));
        server.stubFor(patch(urlEqualTo("/Groups/g1")).inScenario("rm").willSetStateTo("removed").willReturn(aResponse().withStatus(204)));

        service(Dialect.GENERIC).removeMembership("app", e.employeeId(), e.userName(), "Engineering");

        server.verify(1, patchRequestedFor(urlEqualTo("/Groups/g1"))
                .withRequestBody(matchingJsonPath("$.Operations[0].op", equalTo("remove"))));
    }

    @Test
    void anAdditionTheGroupDoesNotShowAfterwardsIsRetriedLaterNotReportedDone() {
        Employee e = Fixtures.employee("32");
        linked(e, "u32");
        stubGroupNamed("g1", "Engineering");
        server.stubFor(get(urlEqualTo("/Groups/g1")).willReturn(json(200, "{\"id\":\"g1\",\"displayName\":\"Engineering\",\"members\":[]}")));
        server.stubFor(patch(urlEqualTo("/Groups/g1")).willReturn(aResponse().withStatus(204)));

        assertThatThrownBy(() -> service(Dialect.CORALOGIX).addMembership("app", e.employeeId(), e.userName(), "Engineering"))
                .isInstanceOfSatisfying(RetryLaterException.class, r -> assertThat(r.isTransient()).isTrue());
    }

    @Test
    void coginitiNeverReportsARemovalFromAGroupWhoseMembersItDoesNotShowAsDone() {
        Employee e = Fixtures.employee("33");
        linked(e, "u33");
        stubGroupNamed("g1", "Engineering");
        server.stubFor(get(urlEqualTo("/Groups/g1")).willReturn(json(200, "{\"id\":\"g1\",\"displayName\":\"Engineering\"}")));
        server.stubFor(put(urlEqualTo("/Groups/g1")).willReturn(aResponse().withStatus(204)));

        assertThatThrownBy(() -> service(Dialect.COGINITI).removeMembership("app", e.employeeId(), e.userName(), "Engineering"))
                .isInstanceOf(MembershipUnverifiableException.class);

        server.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void coginitiAddsTheFirstMemberToAGroupReadWithoutMembersOnlyIfTheReadBackListsThem() {
        Employee e = Fixtures.employee("36");
        linked(e, "u36");
        stubGroupNamed("g1", "Engineering");
        server.stubFor(get(urlEqualTo("/Groups/g1")).willReturn(json(200, "{\"id\":\"g1\",\"displayName\":\"Engineering\"}")));
        server.stubFor(put(urlEqualTo("/Groups/g1")).willReturn(aResponse().withStatus(204)));

        assertThatThrownBy(() -> service(Dialect.COGINITI).addMembership("app", e.employeeId(), e.userName(), "Engineering"))
                .isInstanceOf(MembershipUnverifiableException.class);

        server.verify(1, putRequestedFor(urlEqualTo("/Groups/g1")).withRequestBody(matchingJsonPath("$.members[0].value", equalTo("u36"))));
    }

    @Test
    void coginitiRemovingTheLastMemberIsDoneWhenTheReadBackShowsAGroupThatListedMembersBeforeWithoutThem() {
        Employee e = Fixtures.employee("37");
        linked(e, "u37");
        stubGroupNamed("g1", "Engineering");
        server.stubFor(get(urlEqualTo("/Groups/g1")).inScenario("last").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, "{\"id\":\"g1\",\"displayName\":\"Engineering\",\"members\":[{\"value\":\"u37\"}]}")));
        server.stubFor(put(urlEqualTo("/Groups/g1")).inScenario("last").willSetStateTo("empty").willReturn(aResponse().withStatus(204)));
        server.stubFor(get(urlEqualTo("/Groups/g1")).inScenario("last").whenScenarioStateIs("empty")
                .willReturn(json(200, "{\"id\":\"g1\",\"displayName\":\"Engineering\"}")));

        service(Dialect.COGINITI).removeMembership("app", e.employeeId(), e.userName(), "Engineering");

        server.verify(1, putRequestedFor(urlEqualTo("/Groups/g1")).withRequestBody(matchingJsonPath("$.members.size()", equalTo("0"))));
    }

    // --- a create answered with another userName ----------------------------------------------------------------

    @Test
    void aCreateAnsweredWithAnotherUserNameIsAConflictAndLeavesTheAccountInactiveAndLinkedAsCreated() {
        Employee e = Fixtures.employee("34");
        stubLookup(json(200, list(0)));
        server.stubFor(post(urlEqualTo("/Users")).willReturn(json(201, user("u34", "renamed.34@example.com", e.employeeId(), true))));
        server.stubFor(get(urlEqualTo("/Users/u34")).inScenario("off").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, user("u34", "renamed.34@example.com", e.employeeId(), true))));
        server.stubFor(patch(urlEqualTo("/Users/u34")).inScenario("off").willSetStateTo("inactive").willReturn(aResponse().withStatus(204)));
        server.stubFor(get(urlEqualTo("/Users/u34")).inScenario("off").whenScenarioStateIs("inactive")
                .willReturn(json(200, user("u34", "renamed.34@example.com", e.employeeId(), false))));

        assertThatThrownBy(() -> service(Dialect.CORTEX).ensureUser("app", e)).isInstanceOf(AccountConflictException.class)
                .hasMessageContaining("another userName").hasMessageNotContaining("renamed.34");

        server.verify(1, patchRequestedFor(urlEqualTo("/Users/u34")).withRequestBody(matchingJsonPath("$.Operations[0].value", equalTo("false"))));
        assertThat(store.find("app", e.employeeId())).get().satisfies(link -> {
            assertThat(link.userName()).as("never stored as ours under the other name").isEqualTo("renamed.34@example.com");
            assertThat(link.origin()).isEqualTo(AccountOrigin.CREATED);
            assertThat(link.state()).isEqualTo(LinkState.DEACTIVATED);
        });
    }

    @Test
    void anAccountCreatedUnderAnotherUserNameIsNeverTakenForTheEmployeeAgainAndALeaverFindsItInactive() {
        Employee e = Fixtures.employee("35");
        stubLookup(json(200, list(0)));
        server.stubFor(post(urlEqualTo("/Users")).willReturn(json(201, user("u35", "renamed.35@example.com", e.employeeId(), true))));
        server.stubFor(get(urlEqualTo("/Users/u35")).inScenario("off").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, user("u35", "renamed.35@example.com", e.employeeId(), true))));
        server.stubFor(patch(urlEqualTo("/Users/u35")).inScenario("off").willSetStateTo("inactive").willReturn(aResponse().withStatus(204)));
        server.stubFor(get(urlEqualTo("/Users/u35")).inScenario("off").whenScenarioStateIs("inactive")
                .willReturn(json(200, user("u35", "renamed.35@example.com", e.employeeId(), false))));
        ProvisioningService service = service(Dialect.CORTEX);
        assertThatThrownBy(() -> service.ensureUser("app", e)).isInstanceOf(AccountConflictException.class);

        assertThatThrownBy(() -> service.ensureUser("app", e)).isInstanceOf(AccountConflictException.class)
                .hasMessageContaining("is linked to account u35 under another userName");
        service.undoCreatedAccount("app", e.employeeId());
        service.deactivate("app", e.employeeId());

        server.verify(1, postRequestedFor(urlEqualTo("/Users")));
        server.verify(1, patchRequestedFor(urlEqualTo("/Users/u35")));
        assertThat(store.find("app", e.employeeId())).get().extracting(AccountLink::state).isEqualTo(LinkState.DEACTIVATED);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private void linked(Employee e, String scimId) {
        store.save(new AccountLink("app", e.employeeId(), scimId, e.userName(), AccountOrigin.CREATED, LinkState.ACTIVE, Instant.now()));
        server.stubFor(get(urlEqualTo("/Users/" + scimId)).willReturn(json(200, user(scimId, e.userName(), e.employeeId(), true))));
    }

    private void stubGroupNamed(String id, String displayName) {
        server.stubFor(get(urlPathEqualTo("/Groups")).withQueryParam("filter", containing("displayName")).atPriority(1)
                .willReturn(json(200, list(1, "{\"id\":\"" + id + "\",\"displayName\":\"" + displayName + "\"}"))));
    }

    private static MappingBuilder membersFilter() {
        return get(urlPathEqualTo("/Groups")).withQueryParam("filter", containing("members["));
    }

    private void stubConflictThenVisible(Employee e, String externalId) {
        server.stubFor(lookup().inScenario("409").whenScenarioStateIs(Scenario.STARTED).willReturn(json(200, list(0))));
        server.stubFor(post(urlEqualTo("/Users")).inScenario("409").willSetStateTo("exists")
                .willReturn(json(409, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"409\",\"scimType\":\"uniqueness\"}")));
        server.stubFor(lookup().inScenario("409").whenScenarioStateIs("exists")
                .willReturn(json(200, list(1, user("u8", e.userName(), externalId, true)))));
    }

    private static MappingBuilder lookup() {
        return get(urlPathEqualTo("/Users")).withQueryParam("filter", notContaining("invalid.example"));
    }

    private void stubLookup(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        server.stubFor(lookup().willReturn(response));
    }

    private static MappingBuilder any404() {
        return com.github.tomakehurst.wiremock.client.WireMock.any(anyUrl()).atPriority(0).willReturn(json(404, "{\"detail\":\"not found\"}"));
    }

    private void assertNoWrites() {
        server.verify(0, postRequestedFor(anyUrl()));
        server.verify(0, patchRequestedFor(anyUrl()));
        server.verify(0, putRequestedFor(anyUrl()));
        server.verify(0, deleteRequestedFor(anyUrl()));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", SCIM).withBody(body);
    }

    static String list(int total, String... users) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":" + total
                + ",\"Resources\":[" + Arrays.stream(users).collect(Collectors.joining(",")) + "]}";
    }

    static String user(String id, String userName, String externalId, boolean active) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"id\":\"" + id + "\",\"userName\":\"" + userName + "\","
                + (externalId == null ? "" : "\"externalId\":\"" + externalId + "\",") + "\"active\":" + active + "}";
    }
}
