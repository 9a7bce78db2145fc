package dev.jmlflow.sandbox.scimserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jmlflow.testpeers.PeerHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a sandbox tenant answers to the filters jmlflow sends, and to a few it does not, over real HTTP: the case
 * rules of RFC 7643 per attribute, the {@code and} and value-path filters, and userName/displayName uniqueness, also
 * after replace, patch and delete.
 */
class TenantLookupTest {

    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final String TOKEN = UUID.randomUUID().toString();

    private static SandboxScimServer server;
    private static PeerHttp http;
    /** Every test has its own names, as all share one tenant. */
    private String prefix;

    @BeforeAll
    static void start() {
        server = SandboxScimServer.start(SandboxScimServer.Options.onFreePort(
            new TenantOptions("lookups", TOKEN, new Profile("complete", true, true, false, false))));
        http = PeerHttp.to(server.baseUrl("lookups"), TOKEN);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void freshPrefix() {
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void userNameEqIgnoresCase() {
        String id = createUser(prefix + ".Alice@Example.com", "E-1");

        assertThat(userIds("userName eq \"" + prefix.toUpperCase() + ".ALICE@example.COM\"")).containsExactly(id);
    }

    @Test
    void userNameEqFindsOnlyTheWholeValue() {
        createUser(prefix + ".alice@example.com", "E-1");

        assertThat(userIds("userName eq \"" + prefix + ".alice\"")).isEmpty();
    }

    @Test
    void userNameEqFindsAValueWithSpacesAndPunctuation() {
        String id = createUser(prefix + " Zoë O'Brien+x@example.com", "E-1");

        assertThat(userIds("userName eq \"" + prefix + " zoË o'brien+X@example.com\"")).containsExactly(id);
    }

    @Test
    void externalIdEqIsCaseExact() {
        String id = createUser(prefix + ".bob", prefix + "-Ext");

        assertThat(userIds("externalId eq \"" + prefix + "-Ext\"")).containsExactly(id);
        assertThat(userIds("externalId eq \"" + prefix + "-ext\"")).isEmpty();
    }

    @Test
    void externalIdEqFindsEveryUserWithItInCreationOrder() {
        String first = createUser(prefix + ".one", prefix + "-shared");
        String second = createUser(prefix + ".two", prefix + "-shared");

        assertThat(userIds("externalId eq \"" + prefix + "-shared\"")).containsExactly(first, second);
    }

    @Test
    void userIdEqFindsTheUser() {
        String id = createUser(prefix + ".carol", "E-1");

        assertThat(userIds("id eq \"" + id + "\"")).containsExactly(id);
    }

    @Test
    void userIdEqIsCaseExact() {
        String id = createUser(prefix + ".carol", "E-1");

        assertThat(userIds("id eq \"" + id.toUpperCase() + "\"")).isEmpty();
    }

    @Test
    void groupDisplayNameEqIgnoresCase() {
        String id = createGroup(prefix + " Engineering");

        assertThat(groupIds("displayName eq \"" + prefix.toUpperCase() + " ENGINEERING\"")).containsExactly(id);
    }

    @Test
    void groupIdEqFindsTheGroup() {
        String id = createGroup(prefix + " Sales");

        assertThat(groupIds("id eq \"" + id + "\"")).containsExactly(id);
    }

    @Test
    void groupIdAndMemberValuePathFindsTheGroupOnlyWhileTheUserIsAMember() {
        String userId = createUser(prefix + ".dave", "E-1");
        String otherId = createUser(prefix + ".erin", "E-2");
        String groupId = createGroup(prefix + " Ops");
        patch("/Groups/" + groupId, op("add", "members", List.of(Map.of("value", userId))));

        assertThat(groupIds("id eq \"" + groupId + "\" and members[value eq \"" + userId + "\"]")).containsExactly(groupId);
        assertThat(groupIds("id eq \"" + groupId + "\" and members[value eq \"" + otherId + "\"]")).isEmpty();
    }

    @Test
    void groupIdAndMembersDotValueFindsTheGroupOnlyWhileTheUserIsAMember() {
        String userId = createUser(prefix + ".frank", "E-1");
        String groupId = createGroup(prefix + " Finance");
        patch("/Groups/" + groupId, op("add", "members", List.of(Map.of("value", userId))));
        String filter = "id eq \"" + groupId + "\" and members.value eq \"" + userId + "\"";
        assertThat(groupIds(filter)).containsExactly(groupId);

        patch("/Groups/" + groupId, op("remove", "members[value eq \"" + userId + "\"]", null));

        assertThat(groupIds(filter)).isEmpty();
    }

    @Test
    void memberValuePathAloneFindsEveryGroupOfTheUser() {
        String userId = createUser(prefix + ".gina", "E-1");
        String first = createGroup(prefix + " A");
        createGroup(prefix + " B");
        String third = createGroup(prefix + " C");
        patch("/Groups/" + first, op("add", "members", List.of(Map.of("value", userId))));
        patch("/Groups/" + third, op("add", "members", List.of(Map.of("value", userId))));

        assertThat(groupIds("members[value eq \"" + userId + "\"]")).containsExactly(first, third);
    }

    @Test
    void filtersOnOtherAttributesAndOperatorsStillWork() {
        String active = createUser(prefix + ".hank", "E-1");
        String inactive = createUser(prefix + ".ivy", "E-2");
        patch("/Users/" + active, op("replace", "active", true));
        patch("/Users/" + inactive, op("replace", "active", false));

        assertThat(userIds("userName sw \"" + prefix + "\"")).containsExactly(active, inactive);
        assertThat(userIds("userName sw \"" + prefix + "\" and active eq false")).containsExactly(inactive);
        assertThat(userIds("userName eq \"" + prefix + ".hank\" or userName eq \"" + prefix + ".ivy\""))
            .containsExactly(active, inactive);
        assertThat(userIds("userName sw \"" + prefix + "\" and not (userName eq \"" + prefix + ".hank\")"))
            .containsExactly(inactive);
    }

    @Test
    void anEqAndAnotherConditionMustBothHold() {
        String id = createUser(prefix + ".jack", "E-1");

        assertThat(userIds("userName eq \"" + prefix + ".jack\" and externalId eq \"E-1\"")).containsExactly(id);
        assertThat(userIds("userName eq \"" + prefix + ".jack\" and externalId eq \"E-2\"")).isEmpty();
        assertThat(userIds("externalId eq \"E-1\" and userName eq \"" + prefix + ".jack\"")).containsExactly(id);
    }

    @Test
    void aFilteredListIsSortedAndPagedAfterFiltering() {
        createUser(prefix + ".a", "E-1");
        String b = createUser(prefix + ".b", "E-1");
        String c = createUser(prefix + ".c", "E-1");

        JsonNode page = list("/Users", "userName sw \"" + prefix + "\"", "&sortBy=userName&sortOrder=descending&startIndex=2&count=1");

        assertThat(page.path("totalResults").asInt()).isEqualTo(3);
        assertThat(ids(page)).containsExactly(b);
        assertThat(ids(list("/Users", "userName sw \"" + prefix + "\"", "&sortBy=userName&sortOrder=descending&count=1")))
            .containsExactly(c);
    }

    @Test
    void anEqLookupDeclaresItsTotal() {
        createUser(prefix + ".kate", "E-1");

        JsonNode page = list("/Users", "userName eq \"" + prefix + ".kate\"", "");

        assertThat(page.path("totalResults").asInt()).isEqualTo(1);
        assertThat(page.path("itemsPerPage").asInt()).isEqualTo(1);
    }

    @Test
    void aReplacedUserIsFoundByItsNewValuesOnly() {
        String id = createUser(prefix + ".old", prefix + "-old");

        PeerHttp.Response put = http.put("/Users/" + id, user(prefix + ".new", prefix + "-new"));

        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(userIds("userName eq \"" + prefix + ".new\"")).containsExactly(id);
        assertThat(userIds("externalId eq \"" + prefix + "-new\"")).containsExactly(id);
        assertThat(userIds("userName eq \"" + prefix + ".old\"")).isEmpty();
        assertThat(userIds("externalId eq \"" + prefix + "-old\"")).isEmpty();
    }

    @Test
    void aPatchedUserIsFoundByItsNewUserNameOnly() {
        String id = createUser(prefix + ".before", "E-1");

        patch("/Users/" + id, op("replace", "userName", prefix + ".after"));

        assertThat(userIds("userName eq \"" + prefix + ".after\"")).containsExactly(id);
        assertThat(userIds("userName eq \"" + prefix + ".before\"")).isEmpty();
    }

    @Test
    void aPatchedUserWithoutExternalIdIsNotFoundByTheOldOne() {
        String id = createUser(prefix + ".leo", prefix + "-gone");

        patch("/Users/" + id, op("remove", "externalId", null));

        assertThat(userIds("externalId eq \"" + prefix + "-gone\"")).isEmpty();
        assertThat(userIds("userName eq \"" + prefix + ".leo\"")).containsExactly(id);
    }

    @Test
    void aRenamedGroupIsFoundByItsNewNameOnly() {
        String id = createGroup(prefix + " Before");

        patch("/Groups/" + id, op("replace", "displayName", prefix + " After"));

        assertThat(groupIds("displayName eq \"" + prefix + " after\"")).containsExactly(id);
        assertThat(groupIds("displayName eq \"" + prefix + " before\"")).isEmpty();
    }

    @Test
    void aDeletedUserIsNotFound() {
        String id = createUser(prefix + ".mia", prefix + "-mia");

        assertThat(http.delete("/Users/" + id).status()).isEqualTo(204);

        assertThat(userIds("userName eq \"" + prefix + ".mia\"")).isEmpty();
        assertThat(userIds("externalId eq \"" + prefix + "-mia\"")).isEmpty();
        assertThat(userIds("id eq \"" + id + "\"")).isEmpty();
    }

    @Test
    void aDeletedGroupIsNotFound() {
        String id = createGroup(prefix + " Gone");

        assertThat(http.delete("/Groups/" + id).status()).isEqualTo(204);

        assertThat(groupIds("displayName eq \"" + prefix + " Gone\"")).isEmpty();
        assertThat(groupIds("id eq \"" + id + "\"")).isEmpty();
    }

    @Test
    void aTakenUserNameInAnotherCaseIsRefusedAsNotUnique() {
        createUser(prefix + ".nina", "E-1");

        PeerHttp.Response second = http.post("/Users", user(prefix.toUpperCase() + ".NINA", "E-2"));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("scimType").asText()).isEqualTo("uniqueness");
    }

    @Test
    void renamingAUserToATakenUserNameIsRefusedAsNotUnique() {
        createUser(prefix + ".oscar", "E-1");
        String id = createUser(prefix + ".paul", "E-2");

        PeerHttp.Response put = http.put("/Users/" + id, user(prefix + ".Oscar", "E-2"));

        assertThat(put.status()).isEqualTo(409);
        assertThat(put.json().path("scimType").asText()).isEqualTo("uniqueness");
        assertThat(userIds("userName eq \"" + prefix + ".paul\"")).containsExactly(id);
    }

    @Test
    void aUserMayKeepItsOwnUserNameInAnotherCase() {
        String id = createUser(prefix + ".quinn", "E-1");

        PeerHttp.Response put = http.put("/Users/" + id, user(prefix + ".QUINN", "E-1"));

        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(userIds("userName eq \"" + prefix + ".quinn\"")).containsExactly(id);
    }

    @Test
    void aUserNameIsFreeAgainOnceItsUserIsDeleted() {
        String id = createUser(prefix + ".rita", "E-1");
        http.delete("/Users/" + id);

        String again = createUser(prefix + ".rita", "E-1");

        assertThat(userIds("userName eq \"" + prefix + ".rita\"")).containsExactly(again);
    }

    @Test
    void aUserNameIsFreeAgainOnceItsUserIsRenamed() {
        String id = createUser(prefix + ".sam", "E-1");
        patch("/Users/" + id, op("replace", "userName", prefix + ".samuel"));

        String again = createUser(prefix + ".sam", "E-2");

        assertThat(userIds("userName eq \"" + prefix + ".sam\"")).containsExactly(again);
    }

    @Test
    void aTakenGroupDisplayNameInAnotherCaseIsRefusedAsNotUnique() {
        createGroup(prefix + " Legal");

        PeerHttp.Response second = http.post("/Groups", Map.of("schemas", List.of(GROUP_SCHEMA),
            "displayName", prefix + " LEGAL"));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("scimType").asText()).isEqualTo("uniqueness");
    }

    private static Map<String, Object> user(String userName, String externalId) {
        return Map.of("schemas", List.of(USER_SCHEMA), "userName", userName, "externalId", externalId);
    }

    private static String createUser(String userName, String externalId) {
        PeerHttp.Response created = http.post("/Users", user(userName, externalId));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private static String createGroup(String displayName) {
        PeerHttp.Response created = http.post("/Groups", Map.of("schemas", List.of(GROUP_SCHEMA), "displayName", displayName));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> operation = new HashMap<>(Map.of("op", op, "path", path));
        if (value != null) {
            operation.put("value", value);
        }
        return operation;
    }

    private static void patch(String path, Map<String, Object> operation) {
        PeerHttp.Response patched = http.patch(path, Map.of("schemas", List.of(PATCH_SCHEMA), "Operations", List.of(operation)));
        assertThat(patched.status()).as(patched.toString()).isIn(200, 204);
    }

    private static List<String> userIds(String filter) {
        return ids(list("/Users", filter, ""));
    }

    private static List<String> groupIds(String filter) {
        return ids(list("/Groups", filter, ""));
    }

    private static JsonNode list(String path, String filter, String more) {
        PeerHttp.Response response = http.get(path + "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8) + more);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode page) {
        return page.path("Resources").findValuesAsText("id").stream()
            .filter(id -> !id.isEmpty())
            .toList();
    }
}
