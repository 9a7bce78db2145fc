package dev.jmlflow.sandbox.scimserver;

import de.captaingoldfish.scim.sdk.common.constants.AttributeNames;
import de.captaingoldfish.scim.sdk.common.constants.enums.SortOrder;
import de.captaingoldfish.scim.sdk.common.exceptions.ConflictException;
import de.captaingoldfish.scim.sdk.common.exceptions.ResourceNotFoundException;
import de.captaingoldfish.scim.sdk.common.resources.ResourceNode;
import de.captaingoldfish.scim.sdk.common.resources.complex.Meta;
import de.captaingoldfish.scim.sdk.common.schemas.SchemaAttribute;
import de.captaingoldfish.scim.sdk.common.utils.JsonHelper;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceHandler;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.response.PartialListResponse;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An in-memory store for one resource type of one tenant. It lists everything and lets the SCIM-SDK filter, sort
 * and page ({@code autoFiltering}/{@code autoSorting}). Copies go in and out because the SDK edits the objects it
 * is handed (attribute projection, meta).
 * <p>
 * The SDK needs the resource type as a concrete type argument, so every store is a named subclass.
 */
abstract class MemoryHandler<T extends ResourceNode> extends ResourceHandler<T> {

    private final Class<T> resourceClass;
    /** Insertion order keeps paging stable. */
    private final Map<String, T> resources = new LinkedHashMap<>();

    MemoryHandler(Class<T> resourceClass) {
        this.resourceClass = resourceClass;
    }

    /** The attribute that is unique within a tenant, case-insensitively ({@code userName}, {@code displayName}). */
    abstract Optional<String> uniqueValue(T resource);

    abstract String uniqueAttributeName();

    /** Checks and tidies a resource before it is stored; the default takes it as it is. */
    void beforeStore(T resource) {
        // nothing to check by default
    }

    synchronized boolean contains(String id) {
        return resources.containsKey(id);
    }

    @Override
    public synchronized T createResource(T resource, Context context) {
        requireUnique(resource, null);
        beforeStore(resource);
        Instant now = Instant.now();
        resource.setId(UUID.randomUUID().toString());
        replaceMeta(resource, Meta.builder().created(now).lastModified(now).build());
        resources.put(resource.getId().orElseThrow(), copy(resource));
        return copy(resource);
    }

    @Override
    public synchronized T getResource(String id, List<SchemaAttribute> attributes,
                                      List<SchemaAttribute> excludedAttributes, Context context) {
        T resource = resources.get(id);
        return resource == null ? null : copy(resource);
    }

    @Override
    public synchronized PartialListResponse<T> listResources(long startIndex, int count, FilterNode filter,
                                                             SchemaAttribute sortBy, SortOrder sortOrder,
                                                             List<SchemaAttribute> attributes,
                                                             List<SchemaAttribute> excludedAttributes,
                                                             Context context) {
        List<T> all = snapshot();
        return PartialListResponse.<T>builder().resources(all).totalResults(all.size()).build();
    }

    @Override
    public synchronized T updateResource(T resource, Context context) {
        String id = resource.getId().orElseThrow();
        T existing = resources.get(id);
        if (existing == null) {
            throw new ResourceNotFoundException("resource with id '" + id + "' does not exist");
        }
        requireUnique(resource, id);
        beforeStore(resource);
        Instant created = existing.getMeta().flatMap(Meta::getCreated).orElse(Instant.now());
        // no meta.version: the SDK derives the ETag from the content, so it changes with every change
        replaceMeta(resource, Meta.builder().created(created).lastModified(Instant.now()).build());
        resources.put(id, copy(resource));
        return copy(resource);
    }

    @Override
    public synchronized void deleteResource(String id, Context context) {
        if (resources.remove(id) == null) {
            throw new ResourceNotFoundException("resource with id '" + id + "' does not exist");
        }
    }

    synchronized List<T> snapshot() {
        return resources.values().stream().map(this::copy).toList();
    }

    private void requireUnique(T candidate, String ownId) {
        Optional<String> value = uniqueValue(candidate).map(v -> v.toLowerCase(Locale.ROOT));
        if (value.isEmpty()) {
            return;
        }
        boolean taken = resources.values().stream()
            .filter(other -> !other.getId().orElseThrow().equals(ownId))
            .anyMatch(other -> uniqueValue(other).map(v -> v.toLowerCase(Locale.ROOT)).equals(value));
        if (taken) {
            throw new ConflictException(uniqueAttributeName() + " '" + value.get() + "' is already taken",
                "uniqueness");
        }
    }

    /** The SDK refuses to overwrite a whole meta; resourceType and location it adds itself on the way out. */
    private static void replaceMeta(ResourceNode resource, Meta meta) {
        resource.remove(AttributeNames.RFC7643.META);
        resource.setMeta(meta);
    }

    private T copy(T resource) {
        return JsonHelper.copyResourceToObject(resource.deepCopy(), resourceClass);
    }
}
