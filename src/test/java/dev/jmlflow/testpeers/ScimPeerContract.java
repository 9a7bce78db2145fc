package dev.jmlflow.testpeers;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every real SCIM peer does the same way, checked with a plain HTTP client: jmlflow's provisioning relies on
 * exactly these behaviours. Subclasses name the peer and pin its own quirks.
 */
abstract class ScimPeerContract {

    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    abstract ScimPeer peer();

    PeerHttp http() {
        return new PeerHttp(peer());
    }

    static String uniqueUserName() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    static Map<String, Object> user(String userName, String externalId) {
        return Map.of(
            "schemas", List.of(USER_SCHEMA),
            "userName", userName,
            "externalId", externalId,
            "name", Map.of("givenName", "Ada", "familyName", "Lovelace"),
            "emails", List.of(Map.of("value", userName, "primary", true)),
            "active", true);
    }

    static Map<String, Object> patch(Map<String, Object>... operations) {
        return Map.of("schemas", List.of(PATCH_SCHEMA), "Operations", List.of(operations));
    }

    static Map<String, Object> op(String op, String path, Object value) {
        return value == null ? Map.of("op", op, "path", path) : Map.of("op", op, "path", path, "value", value);
    }

    String createUser(String userName) {
        PeerHttp.Response created = http().post("/Users", user(userName, "E-" + UUID.randomUUID()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    String createGroup(String displayName) {
        PeerHttp.Response created = http().post("/Groups",
            Map.of("schemas", List.of(GROUP_SCHEMA), "displayName", displayName));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    List<String> memberIds(String groupId) {
        PeerHttp.Response group = http().get("/Groups/" + groupId);
        assertThat(group.status()).isEqualTo(200);
        return group.json().path("members").findValuesAsText("value");
    }

    @Test
    void createdUserCanBeReadByItsId() {
        String userName = uniqueUserName();
        PeerHttp.Response created = http().post("/Users", user(userName, "E-42"));

        PeerHttp.Response read = http().get("/Users/" + created.json().path("id").asText());

        assertThat(created.status()).isEqualTo(201);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("userName").asText()).isEqualTo(userName);
        assertThat(read.json().path("externalId").asText()).isEqualTo("E-42");
        assertThat(read.json().path("active").asBoolean()).isTrue();
    }

    @Test
    void userNameFilterMatchesWhateverTheCase() {
        String userName = uniqueUserName();
        String id = createUser(userName);

        PeerHttp.Response found = http().get("/Users?filter="
            + PeerHttp.filterEq("userName", userName.toUpperCase(Locale.ROOT)));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("totalResults").asInt()).isEqualTo(1);
        assertThat(found.json().path("Resources").get(0).path("id").asText()).isEqualTo(id);
    }

    @Test
    void secondUserWithTheSameUserNameIsAConflict() {
        String userName = uniqueUserName();
        createUser(userName);

        PeerHttp.Response duplicate = http().post("/Users", user(userName, "E-" + UUID.randomUUID()));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().path("scimType").asText()).isEqualTo("uniqueness");
    }

    @Test
    void patchingActiveToFalseDeactivatesTheUser() {
        String id = createUser(uniqueUserName());

        PeerHttp.Response patched = http().patch("/Users/" + id, patch(op("replace", "active", false)));
        PeerHttp.Response read = http().get("/Users/" + id);

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("active").asBoolean()).isFalse();
        assertThat(read.json().path("active").asBoolean()).isFalse();
    }

    @Test
    void memberAddedByPatchIsListedInTheGroup() {
        String userId = createUser(uniqueUserName());
        String groupId = createGroup("Engineering " + UUID.randomUUID());

        PeerHttp.Response added = http().patch("/Groups/" + groupId,
            patch(op("add", "members", List.of(Map.of("value", userId)))));

        assertThat(added.status()).isEqualTo(200);
        assertThat(memberIds(groupId)).containsExactly(userId);
    }

    @Test
    void seededGroupCanBeFoundByDisplayName() {
        String displayName = "Finance " + UUID.randomUUID();
        String id = peer().seedGroup(displayName);

        JsonNode found = http().get("/Groups?filter=" + PeerHttp.filterEq("displayName", displayName)).json();

        assertThat(found.path("Resources").get(0).path("id").asText()).isEqualTo(id);
        assertThat(peer().seedGroup(displayName)).as("seeding is idempotent").isEqualTo(id);
    }

    @Test
    void requestWithoutTokenIsUnauthenticated() {
        PeerHttp.Response response = http().withAuthorization(null).get("/Users");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void requestWithAWrongTokenIsUnauthenticated() {
        PeerHttp.Response response = http().withAuthorization("Bearer not-the-token").get("/Users");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void deletedUserIsGoneAndTheDeleteAnswers204() {
        String id = createUser(uniqueUserName());

        PeerHttp.Response deleted = http().delete("/Users/" + id);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(http().get("/Users/" + id).status()).isEqualTo(404);
    }

    @Test
    void deletingAMissingUserIsNotFound() {
        PeerHttp.Response deleted = http().delete("/Users/" + UUID.randomUUID());

        assertThat(deleted.status()).isEqualTo(404);
    }

    @Test
    void addingAnExistingMemberAgainKeepsOneMembership() {
        String userId = createUser(uniqueUserName());
        String groupId = createGroup("Sales " + UUID.randomUUID());
        Map<String, Object> addMember = patch(op("add", "members", List.of(Map.of("value", userId))));
        http().patch("/Groups/" + groupId, addMember);

        PeerHttp.Response again = http().patch("/Groups/" + groupId, addMember);

        assertThat(again.status()).isEqualTo(200);
        assertThat(memberIds(groupId)).containsExactly(userId);
    }

    @Test
    void removingAUserWhoIsNoMemberSucceedsAndChangesNothing() {
        String memberId = createUser(uniqueUserName());
        String outsiderId = createUser(uniqueUserName());
        String groupId = createGroup("Support " + UUID.randomUUID());
        http().patch("/Groups/" + groupId, patch(op("add", "members", List.of(Map.of("value", memberId)))));

        PeerHttp.Response removed = http().patch("/Groups/" + groupId,
            patch(op("remove", "members[value eq \"" + outsiderId + "\"]", null)));

        assertThat(removed.status()).isEqualTo(200);
        assertThat(memberIds(groupId)).containsExactly(memberId);
    }

    @Test
    void addingAMemberWhoDoesNotExistIsRefusedAsAnInvalidValue() {
        String groupId = createGroup("Legal " + UUID.randomUUID());

        PeerHttp.Response added = http().patch("/Groups/" + groupId,
            patch(op("add", "members", List.of(Map.of("value", UUID.randomUUID().toString())))));

        assertThat(added.status()).isEqualTo(400);
        assertThat(added.json().path("scimType").asText()).isEqualTo("invalidValue");
        assertThat(memberIds(groupId)).isEmpty();
    }

    @Test
    void filterOnAnUnknownAttributeIsAnInvalidFilter() {
        PeerHttp.Response response = http().get("/Users?filter=" + PeerHttp.filterEq("favouriteColour", "blue"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("scimType").asText()).isEqualTo("invalidFilter");
    }

    @Test
    void filterThatMatchesNobodyAnswersAnEmptyList() {
        PeerHttp.Response response = http().get("/Users?filter=" + PeerHttp.filterEq("userName", uniqueUserName()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("totalResults").asInt()).isZero();
        assertThat(response.json().path("Resources").size()).isZero();
    }

    @Test
    void externalIdFilterFindsTheUser() {
        String externalId = "E-" + UUID.randomUUID();
        String id = http().post("/Users", user(uniqueUserName(), externalId)).json().path("id").asText();

        PeerHttp.Response found = http().get("/Users?filter=" + PeerHttp.filterEq("externalId", externalId));

        assertThat(found.json().path("Resources").findValuesAsText("id")).containsExactly(id);
    }

    @Test
    void serviceProviderConfigAdvertisesPatchAndFilter() {
        JsonNode config = http().get("/ServiceProviderConfig").json();

        assertThat(config.path("patch").path("supported").asBoolean()).isTrue();
        assertThat(config.path("filter").path("supported").asBoolean()).isTrue();
    }
}
