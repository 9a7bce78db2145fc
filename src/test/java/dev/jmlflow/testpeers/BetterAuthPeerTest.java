package dev.jmlflow.testpeers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Better Auth's SCIM plugin in its own Node process; pins its own behaviour where peers differ. */
class BetterAuthPeerTest extends ScimPeerContract {

    @RegisterExtension
    static final BetterAuthPeer PEER = BetterAuthPeer.shared();

    @Override
    ScimPeer peer() {
        return PEER;
    }

    @Test
    void plainJsonContentTypeIsAccepted() {
        PeerHttp.Response response = http().send("/Users", "POST", user(uniqueUserName(), "E-json"), "application/json");

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void onlyEqualityFiltersAreSupported() {
        PeerHttp.Response response = http().get("/Users?filter=userName%20sw%20%22user%22");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("scimType").asText()).isEqualTo("invalidFilter");
    }

    @Test
    void externalIdIsUniquePerConnection() {
        http().post("/Users", user(uniqueUserName(), "E-twice"));

        PeerHttp.Response second = http().post("/Users", user(uniqueUserName(), "E-twice"));

        assertThat(second.status()).isEqualTo(409);
    }

    @Test
    void noETagsAreAdvertisedOrAnswered() {
        String id = createUser(uniqueUserName());

        PeerHttp.Response read = http().get("/Users/" + id);

        assertThat(read.headers().firstValue("ETag")).isEmpty();
        assertThat(http().get("/ServiceProviderConfig").json().path("etag").path("supported").asBoolean()).isFalse();
    }

    @Test
    void putReplacesTheWholeUser() {
        String id = createUser(uniqueUserName());
        String newUserName = uniqueUserName();

        PeerHttp.Response replaced = http().put("/Users/" + id, Map.of(
            "schemas", List.of(USER_SCHEMA), "userName", newUserName, "active", true));

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("name").path("givenName").isMissingNode())
            .as("attributes left out are dropped").isTrue();
    }

    @Test
    void unauthenticatedAnswerNamesTheBearerScheme() {
        PeerHttp.Response response = http().withAuthorization(null).get("/Users");

        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
            value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    void runsAsItsOwnProcess() {
        assertThat(ProcessHandle.of(PEER.pid())).hasValueSatisfying(handle -> assertThat(handle.isAlive()).isTrue());
    }
}
