package dev.jmlflow.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jmlflow.journey.FullStackJourney;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jmlflow.testpeers.PeerHttp;
import dev.jmlflow.testpeers.ScimSdkPeer;
import java.util.ArrayList;
import java.util.Comparator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.camunda.bpm.engine.TaskService;

/**
 * The attacker's side of the full stack: requests built from maps (so any string, quotes and control characters
 * included, is sent exactly), and the checks every attempt ends with: the SCIM servers hold exactly what they held
 * before (no user, no attribute, no membership changed), and the engine started or completed nothing.
 */
abstract class AttackerJourney extends FullStackJourney {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TaskService tasks;

    /**
     * Every account and group of every app as the app's SCIM API shows them (every attribute and member, without
     * {@code meta}), so that two snapshots are equal exactly when nothing changed.
     */
    record Servers(Map<String, List<JsonNode>> users, Map<String, List<JsonNode>> groups) {
    }

    static Servers servers() {
        Map<String, List<JsonNode>> users = new TreeMap<>();
        Map<String, List<JsonNode>> groups = new TreeMap<>();
        APPS.forEach((name, peer) -> {
            users.put(name, resources(peer, "/Users"));
            groups.put(name, resources(peer, "/Groups"));
        });
        return new Servers(users, groups);
    }

    private static List<JsonNode> resources(ScimSdkPeer peer, String path) {
        PeerHttp.Response listed = new PeerHttp(peer).get(path + "?startIndex=1&count=500");
        assertThat(listed.status()).as(path + " on " + peer + ": " + listed.body()).isEqualTo(200);
        List<JsonNode> resources = new ArrayList<>();
        listed.json().path("Resources").forEach(resource -> resources.add(((ObjectNode) resource.deepCopy()).without("meta")));
        resources.sort(Comparator.comparing(resource -> resource.path("id").asText()));
        return resources;
    }

    static void assertUnchanged(Servers before) {
        Servers now = servers();
        assertThat(now.users()).as("accounts on the SCIM servers").isEqualTo(before.users());
        assertThat(now.groups()).as("groups and memberships on the SCIM servers").isEqualTo(before.groups());
    }

    void assertNoRequestFor(String employeeId) {
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(employeeId).count())
                .as("requests for " + employeeId).isZero();
        assertThat(history.createHistoricVariableInstanceQuery().variableValueEquals("employeeId", employeeId).count())
                .as("variables naming " + employeeId).isZero();
    }

    /** A joiner start form as HR fills it in, valid until a test changes a field. */
    static Map<String, Object> joiner(String employeeId, String managerId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("employeeId", employeeId);
        fields.put("givenName", "Alex");
        fields.put("familyName", "Attacker");
        fields.put("email", employeeId.toLowerCase() + ".alex@example.com");
        fields.put("department", "Finance");
        fields.put("jobTitle", "Accountant");
        fields.put("managerId", managerId);
        fields.put("startDate", LocalDate.now().toString());
        fields.put("requestedGroups", "");
        return fields;
    }

    /** Camunda's {@code variables} object: {@code {"name": {"value": ...}}} for each field. */
    static String variables(Map<String, ?> fields) {
        Map<String, Object> variables = new LinkedHashMap<>();
        fields.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        try {
            return JSON.writeValueAsString(variables);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> start(String user, String processKey, Map<String, ?> fields) {
        return as(user).post("/process-definition/key/" + processKey + "/start",
                "{\"variables\": " + variables(fields) + "}");
    }

    static String message(HttpResponse<String> response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            return body.path("message").asText();
        } catch (IOException e) {
            return response.body();
        }
    }

    /** A joiner that HR started and that waits for its manager's approval; returns the approval's task id. */
    String joinerAwaitingApproval(String hr, String employeeId, String manager, String requestedGroups) {
        Map<String, Object> fields = joiner(employeeId, manager);
        fields.put("requestedGroups", requestedGroups);
        HttpResponse<String> started = start(hr, "joiner", fields);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        return as(manager).taskId(employeeId, "approveAccess");
    }
}
