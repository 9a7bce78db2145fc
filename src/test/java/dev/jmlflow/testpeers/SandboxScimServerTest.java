package dev.jmlflow.testpeers;

import dev.jmlflow.targets.Dialect;
import dev.jmlflow.sandbox.scimserver.Profile;
import dev.jmlflow.sandbox.scimserver.SandboxScimServer;
import dev.jmlflow.sandbox.scimserver.StoredUser;
import dev.jmlflow.sandbox.scimserver.TenantOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox server's tenants and vendor profiles, over real HTTP. */
class SandboxScimServerTest {

    private static final String CORALOGIX_TOKEN = Tokens.random();
    private static final String COGINITI_TOKEN = Tokens.random();
    private static final String LENIENT_TOKEN = Tokens.random();

    private static SandboxScimServer server;

    @BeforeAll
    static void start() {
        server = SandboxScimServer.start(SandboxScimServer.Options.onFreePort(
            new TenantOptions("coralogix", CORALOGIX_TOKEN, Profile.imitating(Dialect.CORALOGIX), List.of("Engineering", "Admins")),
            new TenantOptions("coginiti", COGINITI_TOKEN, Profile.imitating(Dialect.COGINITI)),
            new TenantOptions("lenient", LENIENT_TOKEN, TestProfiles.LENIENT)));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static PeerHttp http(String tenant, String token) {
        return PeerHttp.to(server.baseUrl(tenant), token);
    }

    private static String createUser(PeerHttp http, String userName) {
        PeerHttp.Response created = http.post("/Users", ScimPeerContract.user(userName, "E-" + userName));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    @Test
    void coralogixTenantRefusesPut() {
        PeerHttp http = http("coralogix", CORALOGIX_TOKEN);
        String id = createUser(http, ScimPeerContract.uniqueUserName());

        PeerHttp.Response put = http.put("/Users/" + id, ScimPeerContract.user("x@example.com", "E-x"));

        assertThat(put.status()).isEqualTo(405);
        assertThat(put.json().path("status").asText()).isEqualTo("405");
    }

    @Test
    void coralogixTenantAcceptsPatch() {
        PeerHttp http = http("coralogix", CORALOGIX_TOKEN);
        String id = createUser(http, ScimPeerContract.uniqueUserName());

        PeerHttp.Response patched = http.patch("/Users/" + id,
            ScimPeerContract.patch(ScimPeerContract.op("replace", "active", false)));

        assertThat(patched.status()).isEqualTo(200);
    }

    @Test
    void coginitiTenantRefusesPatchAndSaysSo() {
        PeerHttp http = http("coginiti", COGINITI_TOKEN);
        String id = createUser(http, ScimPeerContract.uniqueUserName());

        PeerHttp.Response patched = http.patch("/Users/" + id,
            ScimPeerContract.patch(ScimPeerContract.op("replace", "active", false)));

        assertThat(patched.status()).isEqualTo(501);
        assertThat(http.get("/ServiceProviderConfig").json().path("patch").path("supported").asBoolean()).isFalse();
    }

    @Test
    void coginitiTenantAcceptsPut() {
        PeerHttp http = http("coginiti", COGINITI_TOKEN);
        String userName = ScimPeerContract.uniqueUserName();
        String id = createUser(http, userName);

        PeerHttp.Response put = http.put("/Users/" + id, Map.of(
            "schemas", List.of(ScimPeerContract.USER_SCHEMA), "userName", userName, "active", false));

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().path("active").asBoolean()).isFalse();
    }

    @Test
    void lenientTenantAcceptsPlainJsonContentType() {
        PeerHttp.Response created = http("lenient", LENIENT_TOKEN).send("/Users", "POST",
            ScimPeerContract.user(ScimPeerContract.uniqueUserName(), "E-json"), "application/json");

        assertThat(created.status()).isEqualTo(201);
    }

    @Test
    void aTenantsTokenOpensNoOtherTenant() {
        PeerHttp.Response response = http("coginiti", CORALOGIX_TOKEN).get("/Users");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void tenantsKeepSeparateStores() {
        String userName = ScimPeerContract.uniqueUserName();
        createUser(http("lenient", LENIENT_TOKEN), userName);

        PeerHttp.Response elsewhere = http("coginiti", COGINITI_TOKEN)
            .get("/Users?filter=" + PeerHttp.filterEq("userName", userName));

        assertThat(elsewhere.json().path("totalResults").asInt()).isZero();
    }

    @Test
    void seededGroupsExistFromTheStart() {
        PeerHttp.Response found = http("coralogix", CORALOGIX_TOKEN)
            .get("/Groups?filter=" + PeerHttp.filterEq("displayName", "engineering"));

        assertThat(found.json().path("Resources").findValuesAsText("displayName")).containsExactly("Engineering");
    }

    @Test
    void handMadeUserWithoutExternalIdIsServedAndListed() {
        String userName = ScimPeerContract.uniqueUserName();
        StoredUser seeded = server.tenant("lenient").seedUser(userName, null, true);

        PeerHttp.Response found = http("lenient", LENIENT_TOKEN)
            .get("/Users?filter=" + PeerHttp.filterEq("userName", userName));

        assertThat(found.json().path("Resources").get(0).path("id").asText()).isEqualTo(seeded.id());
        assertThat(found.json().path("Resources").get(0).has("externalId")).isFalse();
        assertThat(server.tenant("lenient").users()).contains(seeded);
    }

    @Test
    void membershipsShowInTheStoredGroups() {
        PeerHttp http = http("coralogix", CORALOGIX_TOKEN);
        String userId = createUser(http, ScimPeerContract.uniqueUserName());
        String groupId = server.tenant("coralogix").seedGroup("Members " + userId).id();

        http.patch("/Groups/" + groupId, ScimPeerContract.patch(
            ScimPeerContract.op("add", "members", List.of(Map.of("value", userId)))));

        assertThat(server.tenant("coralogix").groups())
            .filteredOn(group -> group.id().equals(groupId))
            .singleElement()
            .satisfies(group -> assertThat(group.memberIds()).containsExactly(userId));
    }

    @Test
    void unknownTenantIsNotFound() {
        PeerHttp.Response response = PeerHttp.to("http://127.0.0.1:" + server.port() + "/scim/nobody/v2",
            CORALOGIX_TOKEN).get("/Users");

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void baseUrlOfAnUnknownTenantIsRefused() {
        assertThatThrownBy(() -> server.baseUrl("nobody")).hasMessageContaining("nobody");
    }

    @Test
    void tenantOptionsNeverPrintTheToken() {
        TenantOptions options = new TenantOptions("t", "secret-token-value", TestProfiles.STRICT);

        assertThat(options.toString()).doesNotContain("secret-token-value");
    }
}
