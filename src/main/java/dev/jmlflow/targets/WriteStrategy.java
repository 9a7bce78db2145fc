package dev.jmlflow.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jmlflow.scim.PatchOperation;
import dev.jmlflow.scim.PatchRequest;
import dev.jmlflow.scim.ScimApi;
import dev.jmlflow.scim.ScimClients;
import dev.jmlflow.scim.ScimSchemas;
import dev.jmlflow.scim.ScimUser;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How attribute values reach a user on the target: one PATCH of the attributes, or a PUT of the whole resource
 * read right before it (keeping every attribute jmlflow does not model). Values are keyed by SCIM attribute path:
 * {@code active}, {@code name.givenName}, or an extension attribute such as {@code urn:...:User:department}.
 */
public enum WriteStrategy {

    PATCH {
        @Override
        public void update(ScimApi api, String userId, CurrentUser current, Map<String, Object> values) {
            JsonNode shown = JSON.valueToTree(current.user().get());
            List<PatchOperation> ops = values.entrySet().stream()
                    .filter(v -> !JSON.valueToTree(v.getValue()).equals(at(shown, v.getKey())))
                    .map(v -> PatchOperation.replace(v.getKey(), v.getValue())).toList();
            if (!ops.isEmpty()) {
                api.patchUser(userId, new PatchRequest(List.of(ScimSchemas.PATCH_OP), ops));
            }
        }

        @Override
        public void replace(ScimApi api, String userId, CurrentUser current, Map<String, Object> values) {
            api.patchUser(userId, new PatchRequest(List.of(ScimSchemas.PATCH_OP),
                    values.entrySet().stream().map(v -> PatchOperation.replace(v.getKey(), v.getValue())).toList()));
        }
    },

    PUT {
        @Override
        public void update(ScimApi api, String userId, CurrentUser current, Map<String, Object> values) {
            ObjectNode doc = current.document().get();
            ObjectNode changed = applied(doc, values);
            if (!changed.equals(doc)) {
                api.replaceUserDocument(userId, withoutReadOnly(changed));
            }
        }

        @Override
        public void replace(ScimApi api, String userId, CurrentUser current, Map<String, Object> values) {
            api.replaceUserDocument(userId, withoutReadOnly(applied(current.document().get(), values)));
        }
    };

    private static final ObjectMapper JSON = ScimClients.objectMapper();

    /** The user as the target shows it right now, identity verified by the caller; read only when needed. */
    public record CurrentUser(Supplier<ScimUser> user, Supplier<ObjectNode> document) {
    }

    /** Sets the values that the user does not show yet; nothing differs = no write. */
    public abstract void update(ScimApi api, String userId, CurrentUser current, Map<String, Object> values);

    /** Sets the values whatever the user shows, e.g. {@code active} before a read-back. */
    public abstract void replace(ScimApi api, String userId, CurrentUser current, Map<String, Object> values);

    private static JsonNode at(JsonNode node, String path) {
        JsonNode parent = node;
        String leaf = path;
        int urn = path.lastIndexOf(':');
        if (urn > 0) {
            parent = node.path(path.substring(0, urn));
            leaf = path.substring(urn + 1);
        }
        int dot = leaf.indexOf('.');
        return dot < 0 ? parent.path(leaf) : parent.path(leaf.substring(0, dot)).path(leaf.substring(dot + 1));
    }

    /** A copy of {@code doc} with the values set, creating the complex attributes they sit in when missing. */
    private static ObjectNode applied(ObjectNode doc, Map<String, Object> values) {
        ObjectNode copy = doc.deepCopy();
        values.forEach((path, value) -> {
            ObjectNode parent = copy;
            String leaf = path;
            int urn = path.lastIndexOf(':');
            if (urn > 0) {
                parent = object(copy, path.substring(0, urn));
                leaf = path.substring(urn + 1);
            }
            int dot = leaf.indexOf('.');
            if (dot >= 0) {
                parent = object(parent, leaf.substring(0, dot));
                leaf = leaf.substring(dot + 1);
            }
            parent.set(leaf, JSON.valueToTree(value));
        });
        return copy;
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode child = parent.get(field);
        return child != null && child.isObject() ? (ObjectNode) child : parent.putObject(field);
    }

    /** {@code meta} and {@code groups} are read-only; sending them back in a PUT is refused by strict servers. */
    private static ObjectNode withoutReadOnly(ObjectNode doc) {
        ObjectNode copy = doc.deepCopy();
        copy.remove("meta");
        copy.remove("groups");
        return copy;
    }
}
