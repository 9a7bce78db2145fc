package dev.jmlflow.testpeers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SCIM-SDK peer, strict about content types; pins its own behaviour where peers differ. */
class ScimSdkPeerTest extends ScimPeerContract {

    @RegisterExtension
    static final ScimSdkPeer PEER = ScimSdkPeer.strict();

    @Override
    ScimPeer peer() {
        return PEER;
    }

    @Test
    void strictPeerRefusesPlainJsonContentType() {
        PeerHttp.Response response = http().send("/Users", "POST", user(uniqueUserName(), "E-1"), "application/json");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("detail").asText()).contains("content type");
    }

    @Test
    void emptyListResponseOmitsResources() {
        PeerHttp.Response response = http().get("/Users?filter=" + PeerHttp.filterEq("userName", uniqueUserName()));

        assertThat(response.json().has("Resources")).isFalse();
    }

    @Test
    void startsWithFilterIsSupported() {
        String userName = uniqueUserName();
        createUser(userName);

        PeerHttp.Response response = http().get("/Users?filter=userName%20sw%20%22" + userName.substring(0, 20) + "%22");

        assertThat(response.json().path("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void getAnswersAnETagThatChangesWithTheResourceButPatchAnswersNone() {
        String id = createUser(uniqueUserName());
        String before = http().get("/Users/" + id).headers().firstValue("ETag").orElseThrow();

        PeerHttp.Response patched = http().patch("/Users/" + id, patch(op("replace", "active", false)));
        String after = http().get("/Users/" + id).headers().firstValue("ETag").orElseThrow();

        assertThat(patched.headers().firstValue("ETag")).isEmpty();
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void putReplacesTheWholeUser() {
        String id = createUser(uniqueUserName());
        String newUserName = uniqueUserName();

        PeerHttp.Response replaced = http().put("/Users/" + id, Map.of(
            "schemas", java.util.List.of(USER_SCHEMA), "userName", newUserName, "active", true));

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("userName").asText()).isEqualTo(newUserName);
        assertThat(replaced.json().has("name")).as("attributes left out are dropped").isFalse();
    }
}
