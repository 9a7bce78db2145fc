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
import de.captaingoldfish.scim.sdk.server.filter.resources.FilterResourceResolver;
import de.captaingoldfish.scim.sdk.server.response.PartialListResponse;
import de.captaingoldfish.scim.sdk.server.sort.ResourceNodeComparator;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * An in-memory store for one resource type of one tenant. A filtered list starts from the {@link ResourceIndex}'s
 * candidates where it has them, else from everything, and the SCIM-SDK's own filter and sort decide what is listed,
 * so an indexed lookup answers exactly what a scan would. Stored objects are never changed once stored; copies go
 * out because the SDK edits the objects it is handed (attribute projection, meta).
 * <p>
 * The SDK needs the resource type as a concrete type argument, so every store is a named subclass.
 */
abstract class MemoryHandler<T extends ResourceNode> extends ResourceHandler<T> {

    private final Class<T> resourceClass;
    /** Insertion order keeps paging stable. */
    private final Map<String, T> resources = new LinkedHashMap<>();
    /** The place of each resource in {@link #resources}, so that index candidates keep the same order. */
    private final Map<String, Long> arrival = new HashMap<>();
    private long arrivals;
    private final ResourceIndex<T> index;

    /** @param indexed the attributes besides {@code id} that an {@code eq} looks up without a scan */
    MemoryHandler(Class<T> resourceClass, Map<String, Function<T, Optional<String>>> indexed) {
        this.resourceClass = resourceClass;
        Map<String, Function<T, Optional<String>>> attributes = new HashMap<>(indexed);
        attributes.put("id", ResourceNode::getId);
        this.index = new ResourceIndex<>(attributes, this::uniqueValue);
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
        String id = resource.getId().orElseThrow();
        arrival.put(id, arrivals++);
        store(id, copy(resource));
        return copy(resource);
    }

    @Override
    public synchronized T getResource(String id, List<SchemaAttribute> attributes,
                                      List<SchemaAttribute> excludedAttributes, Context context) {
        T resource = resources.get(id);
        return resource == null ? null : copy(resource);
    }

    /**
     * Filters, sorts and pages as the SDK's {@code autoFiltering} and {@code autoSorting} do, which are off so that
     * the filter reaches this handler. Outside the lock: stored objects are not changed.
     */
    @Override
    public PartialListResponse<T> listResources(long startIndex, int count, FilterNode filter,
                                                SchemaAttribute sortBy, SortOrder sortOrder,
                                                List<SchemaAttribute> attributes,
                                                List<SchemaAttribute> excludedAttributes,
                                                Context context) {
        List<T> matching = filter == null ? candidates(null)
            : FilterResourceResolver.filterResources(getServiceProvider(), candidates(filter), filter);
        if (sortBy != null) {
            matching = matching.stream().sorted(new ResourceNodeComparator(sortBy, sortOrder)).toList();
        }
        List<T> page = page(matching, startIndex, count).stream().map(this::copy).toList();
        return PartialListResponse.<T>builder().resources(page).totalResults(matching.size()).build();
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
        index.remove(id, existing);
        store(id, copy(resource));
        return copy(resource);
    }

    @Override
    public synchronized void deleteResource(String id, Context context) {
        T removed = resources.remove(id);
        if (removed == null) {
            throw new ResourceNotFoundException("resource with id '" + id + "' does not exist");
        }
        index.remove(id, removed);
        arrival.remove(id);
    }

    synchronized List<T> snapshot() {
        return resources.values().stream().map(this::copy).toList();
    }

    private void store(String id, T resource) {
        resources.put(id, resource);
        index.add(id, resource);
    }

    /** The stored resources the filter may match, in insertion order; all of them without a filter or an index. */
    private synchronized List<T> candidates(FilterNode filter) {
        Optional<Set<String>> ids = filter == null ? Optional.empty() : index.candidates(filter);
        if (ids.isEmpty()) {
            return List.copyOf(resources.values());
        }
        return ids.get().stream().sorted(Comparator.comparing(arrival::get)).map(resources::get).toList();
    }

    /** The SDK's paging: 1-based {@code startIndex}, an empty page past the end. */
    private static <R> List<R> page(List<R> all, long startIndex, int count) {
        if (startIndex > all.size()) {
            return List.of();
        }
        int from = (int) Math.min(startIndex - 1, all.size() - 1L);
        return all.subList(from, (int) Math.min(startIndex - 1 + count, all.size()));
    }

    private void requireUnique(T candidate, String ownId) {
        index.uniqueOwner(candidate)
            .filter(owner -> !owner.getKey().equals(ownId))
            .ifPresent(owner -> {
                throw new ConflictException(uniqueAttributeName() + " '" + owner.getValue() + "' is already taken",
                    "uniqueness");
            });
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
