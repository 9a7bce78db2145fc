package dev.jmlflow.sandbox.scimserver;

import de.captaingoldfish.scim.sdk.common.constants.enums.HttpMethod;
import de.captaingoldfish.scim.sdk.common.resources.Group;
import de.captaingoldfish.scim.sdk.common.resources.ServiceProvider;
import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.common.resources.complex.BulkConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.ChangePasswordConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.ETagConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.FilterConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.PatchConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.SortConfig;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.AuthenticationScheme;
import de.captaingoldfish.scim.sdk.common.response.ScimResponse;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceEndpoint;
import de.captaingoldfish.scim.sdk.server.endpoints.base.GroupEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.endpoints.base.UserEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.schemas.ResourceType;
import de.captaingoldfish.scim.sdk.server.schemas.custom.ETagFeature;

import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One tenant of the sandbox server: a SCIM-SDK {@link ResourceEndpoint} configured from a {@link Profile}, over
 * its own in-memory users and groups. Offers read access and seeding for pages and tests.
 */
public final class SandboxTenant {

    private static final int MAX_RESULTS = 200;

    private final String name;
    private final Profile profile;
    private final BearerTokenAuthorization authorization;
    private final UserHandler users = new UserHandler();
    private final GroupHandler groups = new GroupHandler(users);
    private final ResourceEndpoint endpoint;
    /** Writes are read-modify-write in the SDK (e.g. PATCH of a group's members); one at a time keeps them whole. */
    private final ReentrantLock writeLock = new ReentrantLock();

    SandboxTenant(TenantOptions options) {
        this.name = options.name();
        this.profile = options.profile();
        this.authorization = new BearerTokenAuthorization(options.token());
        this.endpoint = new ResourceEndpoint(serviceProvider(profile));
        withProfileFeatures(endpoint.registerEndpoint(new UserEndpointDefinition(users)));
        withProfileFeatures(endpoint.registerEndpoint(new GroupEndpointDefinition(groups)));
        options.seedGroups().forEach(this::seedGroup);
    }

    public String name() {
        return name;
    }

    public Profile profile() {
        return profile;
    }

    public List<StoredUser> users() {
        return users.snapshot().stream().map(SandboxTenant::stored).toList();
    }

    public List<StoredGroup> groups() {
        return groups.snapshot().stream().map(SandboxTenant::stored).toList();
    }

    /**
     * Adds a user as if someone had created it by hand in the app, e.g. without an {@code externalId}.
     *
     * @param externalId may be {@code null}
     */
    public StoredUser seedUser(String userName, String externalId, boolean active) {
        User user = User.builder().userName(userName).externalId(externalId).active(active).build();
        return stored(users.createResource(user, null));
    }

    /** Adds a group that joiners can be put into. */
    public StoredGroup seedGroup(String displayName) {
        return stored(groups.createResource(Group.builder().displayName(displayName).build(), null));
    }

    ScimResponse handle(String requestUrl, HttpMethod method, String body, Map<String, String> headers) {
        Context context = new Context(authorization);
        if (method == HttpMethod.GET) {
            return endpoint.handleRequest(requestUrl, method, body, headers, context);
        }
        writeLock.lock();
        try {
            return endpoint.handleRequest(requestUrl, method, body, headers, context);
        } finally {
            writeLock.unlock();
        }
    }

    /** No auto-filtering or -sorting: the SDK would hand the handler no filter, so it could not use its index. */
    private void withProfileFeatures(ResourceType resourceType) {
        resourceType.getFeatures().setAutoFiltering(false);
        resourceType.getFeatures().setAutoSorting(false);
        resourceType.getFeatures().setETagFeature(ETagFeature.builder().enabled(profile.etagSupported()).build());
    }

    private static ServiceProvider serviceProvider(Profile profile) {
        return ServiceProvider.builder()
            .filterConfig(FilterConfig.builder().supported(true).maxResults(MAX_RESULTS).build())
            .sortConfig(SortConfig.builder().supported(true).build())
            .patchConfig(PatchConfig.builder().supported(profile.patchSupported()).build())
            .eTagConfig(ETagConfig.builder().supported(profile.etagSupported()).build())
            .changePasswordConfig(ChangePasswordConfig.builder().supported(false).build())
            .bulkConfig(BulkConfig.builder().supported(false).maxOperations(0).maxPayloadSize(0L).build())
            .authenticationSchemes(List.of(AuthenticationScheme.builder()
                .name("OAuth Bearer Token")
                .description("A bearer token per tenant in the Authorization header")
                .type("oauthbearertoken")
                .specUri("https://www.rfc-editor.org/info/rfc6750")
                .primary(true)
                .build()))
            .lenientContentTypeChecking(profile.lenientContentType())
            .build();
    }

    private static StoredUser stored(User user) {
        return new StoredUser(user.getId().orElseThrow(), user.getUserName().orElse(null),
            user.getExternalId().orElse(null), user.getDisplayName().orElse(null), user.isActive().orElse(true));
    }

    private static StoredGroup stored(Group group) {
        List<String> memberIds = group.getMembers().stream()
            .flatMap(member -> member.getValue().stream())
            .toList();
        return new StoredGroup(group.getId().orElseThrow(), group.getDisplayName().orElse(null), memberIds);
    }
}
