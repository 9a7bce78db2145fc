package dev.jmlflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jmlflow.testpeers.PeerHttp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The baseline: the minimal correct SCIM call sequence for one account on one target, made directly through the
 * same delaying proxy as jmlflow's calls, with no engine in between.
 * <ul>
 *   <li>joiner: lookup by userName, create, then per group one change ({@code PATCH} add member; on a server
 *       without PATCH a read and a {@code PUT} of the group) and one verification (a filter on the membership
 *       that returns no member list);</li>
 *   <li>leaver: set {@code active=false} ({@code PATCH}, or read and {@code PUT}) and read the account back.</li>
 * </ul>
 * Every step checks its answer, so a baseline that silently did less is impossible.
 */
final class RawScim {

    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";

    private final BenchTarget target;
    private final PeerHttp http;

    RawScim(BenchTarget target) {
        this.target = target;
        this.http = PeerHttp.to(target.proxiedBaseUrl(), target.token());
    }

    /** Creates the account and puts it into every group of the target; returns its SCIM id. */
    String joiner(String employeeId, String userName) {
        JsonNode found = ok(http.get("/Users?filter=" + PeerHttp.filterEq("userName", userName)), "lookup").json();
        if (found.path("totalResults").asInt() != 0) {
            throw new IllegalStateException(target.name() + ": " + userName + " exists already");
        }
        String id = ok(http.post("/Users", Map.of("schemas", List.of(USER), "userName", userName, "externalId", employeeId,
                "name", Map.of("givenName", "Raw", "familyName", employeeId), "active", true)), "create").json().path("id").asText();
        for (String groupId : target.groupsForNextAccount().stream().map(BenchTarget.Group::id).toList()) {
            if (target.patch()) {
                ok(http.patch("/Groups/" + groupId, Map.of("schemas", List.of(PATCH_OP), "Operations",
                        List.of(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", id)))))), "add member");
            } else {
                ObjectNode group = (ObjectNode) ok(http.get("/Groups/" + groupId), "group read").json();
                ArrayNode members = group.has("members") ? (ArrayNode) group.get("members") : group.putArray("members");
                members.addObject().put("value", id);
                group.remove("meta");
                ok(http.put("/Groups/" + groupId, group), "group replace");
            }
            String filter = URLEncoder.encode("id eq \"" + groupId + "\" and members.value eq \"" + id + "\"", StandardCharsets.UTF_8);
            JsonNode verified = ok(http.get("/Groups?filter=" + filter + "&excludedAttributes=members"), "verify member").json();
            if (verified.path("totalResults").asInt() != 1) {
                throw new IllegalStateException(target.name() + ": " + userName + " is not in group " + groupId + ": " + verified);
            }
        }
        return id;
    }

    /** Deactivates the account and reads it back inactive. */
    void leaver(String scimId) {
        if (target.patch()) {
            ok(http.patch("/Users/" + scimId, Map.of("schemas", List.of(PATCH_OP), "Operations",
                    List.of(Map.of("op", "replace", "path", "active", "value", false)))), "deactivate");
        } else {
            ObjectNode user = (ObjectNode) ok(http.get("/Users/" + scimId), "user read").json();
            user.put("active", false);
            user.remove("meta");
            ok(http.put("/Users/" + scimId, user), "deactivate");
        }
        if (ok(http.get("/Users/" + scimId), "read back").json().path("active").asBoolean(true)) {
            throw new IllegalStateException(target.name() + ": " + scimId + " still reads active");
        }
    }

    private PeerHttp.Response ok(PeerHttp.Response response, String step) {
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(target.name() + " raw " + step + " answered " + response);
        }
        return response;
    }
}
