package dev.jmlflow.sandbox.scimserver;

import de.captaingoldfish.scim.sdk.common.constants.enums.Comparator;
import de.captaingoldfish.scim.sdk.common.resources.ResourceNode;
import de.captaingoldfish.scim.sdk.server.filter.AndExpressionNode;
import de.captaingoldfish.scim.sdk.server.filter.AttributeExpressionLeaf;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a {@link MemoryHandler} looks up without a scan: the ids of the resources with a value of an indexed
 * attribute, and the owner of each unique value. The handler keeps it in step with every write.
 * <p>
 * The lookup gives candidates, not answers: values are keyed case-folded so that a case-insensitive {@code eq} of
 * the SDK finds its match among them whatever the attribute's case rule, and the SDK's filter then decides.
 */
final class ResourceIndex<T extends ResourceNode> {

    private final Map<String, Function<T, Optional<String>>> attributes;
    private final Function<T, Optional<String>> uniqueValue;
    private final Map<String, Map<String, Set<String>>> idsByFoldedValue = new HashMap<>();
    /** By the lower-cased unique value, as the uniqueness rule has always compared. */
    private final Map<String, String> uniqueOwners = new HashMap<>();

    /**
     * @param attributes  the indexed attributes of the resource schema, by name, e.g. {@code userName}
     * @param uniqueValue the value that is unique, case-insensitively, within a tenant
     */
    ResourceIndex(Map<String, Function<T, Optional<String>>> attributes, Function<T, Optional<String>> uniqueValue) {
        this.attributes = Map.copyOf(attributes);
        this.uniqueValue = uniqueValue;
    }

    void add(String id, T resource) {
        attributes.forEach((name, value) -> value.apply(resource).ifPresent(v ->
            idsByFoldedValue.computeIfAbsent(name, n -> new HashMap<>())
                .computeIfAbsent(fold(v), k -> new LinkedHashSet<>()).add(id)));
        uniqueKey(resource).ifPresent(key -> uniqueOwners.put(key, id));
    }

    void remove(String id, T resource) {
        attributes.forEach((name, value) -> value.apply(resource).ifPresent(v -> {
            Map<String, Set<String>> byValue = idsByFoldedValue.get(name);
            Set<String> ids = byValue.get(fold(v));
            ids.remove(id);
            if (ids.isEmpty()) {
                byValue.remove(fold(v));
            }
        }));
        uniqueKey(resource).ifPresent(key -> uniqueOwners.remove(key, id));
    }

    /** The id of the resource that holds {@code candidate}'s unique value, and that value as compared. */
    Optional<Map.Entry<String, String>> uniqueOwner(T candidate) {
        return uniqueKey(candidate).flatMap(key ->
            Optional.ofNullable(uniqueOwners.get(key)).map(owner -> Map.entry(owner, key)));
    }

    /**
     * The ids among which every match of {@code filter} is, when the filter is an {@code eq} on an indexed attribute
     * or an {@code and} with one; empty when only a scan can answer it.
     */
    Optional<Set<String>> candidates(FilterNode filter) {
        if (filter instanceof AttributeExpressionLeaf leaf) {
            return lookup(leaf);
        }
        if (filter instanceof AndExpressionNode and) {
            Optional<Set<String>> left = candidates(and.getLeftNode());
            Optional<Set<String>> right = candidates(and.getRightNode());
            if (left.isPresent() && right.isPresent()) {
                return left.get().size() <= right.get().size() ? left : right;
            }
            return left.isPresent() ? left : right;
        }
        return Optional.empty();
    }

    private Optional<Set<String>> lookup(AttributeExpressionLeaf leaf) {
        // an attribute of the resource's own schema, not a sub-attribute (members.value) nor an extension's
        boolean topLevel = leaf.isMainSchemaNode() && leaf.getSchemaAttribute().getParent() == null;
        String name = leaf.getSchemaAttribute().getName();
        if (leaf.getComparator() != Comparator.EQ || !topLevel || !attributes.containsKey(name) || leaf.getValue() == null) {
            return Optional.empty();
        }
        Set<String> ids = idsByFoldedValue.getOrDefault(name, Map.of()).getOrDefault(fold(leaf.getValue()), Set.of());
        return Optional.of(Set.copyOf(ids));
    }

    private Optional<String> uniqueKey(T resource) {
        return uniqueValue.apply(resource).map(v -> v.toLowerCase(Locale.ROOT));
    }

    /**
     * Equal for any two strings that {@link String#equalsIgnoreCase} (which the SDK's case-insensitive {@code eq}
     * uses) calls equal: it compares code point by code point, after upper- and then lower-casing each.
     */
    static String fold(String value) {
        StringBuilder folded = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
        return folded.toString();
    }
}
