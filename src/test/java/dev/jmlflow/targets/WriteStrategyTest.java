package dev.jmlflow.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jmlflow.scim.PatchOperation;
import dev.jmlflow.scim.PatchRequest;
import dev.jmlflow.scim.ScimApi;
import dev.jmlflow.scim.ScimClients;
import dev.jmlflow.scim.ScimSchemas;
import dev.jmlflow.scim.ScimUser;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteStrategyTest {

    private static final ObjectMapper JSON = ScimClients.objectMapper();
    private static final String DEPARTMENT = ScimSchemas.ENTERPRISE_USER + ":department";

    /** The writes a strategy sent, as "method id body". */
    private final List<String> writes = new ArrayList<>();
    private final ScimApi api = (ScimApi) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{ScimApi.class},
            (proxy, method, args) -> {
                writes.add(method.getName() + " " + args[0] + " " + JSON.writeValueAsString(args[1]));
                return null;
            });
    private int reads;

    private final ObjectNode stored = document("{\"schemas\":[\"" + ScimSchemas.USER + "\"],\"id\":\"u1\",\"userName\":\"ada\","
            + "\"name\":{\"givenName\":\"Ada\",\"familyName\":\"King\"},\"displayName\":\"Ada King\",\"title\":\"Engineer\","
            + "\"roles\":[{\"value\":\"admin\"}],\"meta\":{\"version\":\"1\"},\"groups\":[{\"value\":\"g1\"}]}");

    @Test
    void patchSendsOnlyTheValuesTheUserDoesNotShow() {
        WriteStrategy.PATCH.update(api, "u1", current(), values("name.givenName", "Ada", "title", "Lead", DEPARTMENT, "R&D"));

        assertThat(writes).containsExactly("patchUser u1 " + patch(PatchOperation.replace("title", "Lead"),
                PatchOperation.replace(DEPARTMENT, "R&D")));
    }

    @Test
    void patchWritesNothingWhenTheUserShowsEveryValue() {
        WriteStrategy.PATCH.update(api, "u1", current(), values("name.familyName", "King", "displayName", "Ada King"));

        assertThat(writes).isEmpty();
    }

    @Test
    void patchReplaceWritesWithoutReadingTheUser() {
        WriteStrategy.PATCH.replace(api, "u1", current(), values("active", false));

        assertThat(writes).containsExactly("patchUser u1 " + patch(PatchOperation.replace("active", false)));
        assertThat(reads).isZero();
    }

    @Test
    void putSendsTheWholeResourceWithTheChangesAndWithoutReadOnlyAttributes() throws Exception {
        WriteStrategy.PUT.update(api, "u1", current(), values("title", "Lead", DEPARTMENT, "R&D"));

        ObjectNode expected = stored.deepCopy();
        expected.remove("meta");
        expected.remove("groups");
        expected.put("title", "Lead");
        expected.putObject(ScimSchemas.ENTERPRISE_USER).put("department", "R&D");
        assertThat(writes).containsExactly("replaceUserDocument u1 " + JSON.writeValueAsString(expected));
    }

    @Test
    void putWritesNothingWhenTheDocumentWouldNotChange() {
        WriteStrategy.PUT.update(api, "u1", current(), values("name.givenName", "Ada", "title", "Engineer"));

        assertThat(writes).isEmpty();
    }

    @Test
    void putReplaceWritesEvenWhenTheValueIsShown() {
        stored.put("active", true);

        WriteStrategy.PUT.replace(api, "u1", current(), values("active", true));

        assertThat(writes).singleElement().asString().startsWith("replaceUserDocument u1 ").contains("\"roles\"")
                .doesNotContain("\"meta\"");
    }

    private WriteStrategy.CurrentUser current() {
        return new WriteStrategy.CurrentUser(() -> {
            reads++;
            return JSON.convertValue(stored, ScimUser.class);
        }, () -> {
            reads++;
            return stored.deepCopy();
        });
    }

    private static Map<String, Object> values(Object... pathThenValue) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pathThenValue.length; i += 2) {
            values.put((String) pathThenValue[i], pathThenValue[i + 1]);
        }
        return values;
    }

    private static String patch(PatchOperation... ops) throws RuntimeException {
        try {
            return JSON.writeValueAsString(PatchRequest.of(ops));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode document(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
