package dev.jmlflow.targets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jmlflow.scim.ListResponse;
import dev.jmlflow.scim.PatchRequest;
import dev.jmlflow.scim.ScimApi;
import dev.jmlflow.scim.ScimException;
import dev.jmlflow.scim.ScimFilter;
import dev.jmlflow.scim.ScimGroup;
import dev.jmlflow.scim.ScimUser;
import dev.jmlflow.scim.ServiceProviderConfig;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Paces one target's requests with a token bucket (R-E-6) and honours the server's Retry-After: after a 429
 * every call to this target fails fast with {@link ScimException.RateLimited} until the pause is over, so no
 * request goes out earlier than the server asked. Waits longer than {@code maxWait} are never slept in-process;
 * they surface as {@code RateLimited} with the remaining time, for the job layer to schedule the retry.
 */
public final class RateLimitedScimApi implements ScimApi {

    private final ScimApi delegate;
    private final TokenBucket bucket;

    public RateLimitedScimApi(ScimApi delegate, TokenBucket bucket) {
        this.delegate = delegate;
        this.bucket = bucket;
    }

    private <T> T call(Supplier<T> request) {
        bucket.acquire();
        try {
            return request.get();
        } catch (ScimException.RateLimited e) {
            bucket.pauseFor(e.retryAfter().orElse(TokenBucket.DEFAULT_PAUSE));
            throw e;
        }
    }

    private void run(Runnable request) {
        call(() -> {
            request.run();
            return null;
        });
    }

    @Override
    public ScimUser getUser(String id) {
        return call(() -> delegate.getUser(id));
    }

    @Override
    public ListResponse<ScimUser> findUsers(ScimFilter filter, int startIndex, int count) {
        return call(() -> delegate.findUsers(filter, startIndex, count));
    }

    @Override
    public ScimUser createUser(ScimUser user) {
        return call(() -> delegate.createUser(user));
    }

    @Override
    public ScimUser replaceUser(String id, ScimUser user) {
        return call(() -> delegate.replaceUser(id, user));
    }

    @Override
    public ObjectNode getUserDocument(String id) {
        return call(() -> delegate.getUserDocument(id));
    }

    @Override
    public ObjectNode replaceUserDocument(String id, ObjectNode user) {
        return call(() -> delegate.replaceUserDocument(id, user));
    }

    @Override
    public ScimUser patchUser(String id, PatchRequest patch) {
        return call(() -> delegate.patchUser(id, patch));
    }

    @Override
    public void deleteUser(String id) {
        run(() -> delegate.deleteUser(id));
    }

    @Override
    public ScimGroup getGroup(String id) {
        return call(() -> delegate.getGroup(id));
    }

    @Override
    public ListResponse<ScimGroup> findGroups(ScimFilter filter, int startIndex, int count) {
        return call(() -> delegate.findGroups(filter, startIndex, count));
    }

    @Override
    public ListResponse<ScimGroup> listGroups(int startIndex, int count) {
        return call(() -> delegate.listGroups(startIndex, count));
    }

    @Override
    public ScimGroup createGroup(ScimGroup group) {
        return call(() -> delegate.createGroup(group));
    }

    @Override
    public ObjectNode getGroupDocument(String id) {
        return call(() -> delegate.getGroupDocument(id));
    }

    @Override
    public ObjectNode replaceGroupDocument(String id, ObjectNode group) {
        return call(() -> delegate.replaceGroupDocument(id, group));
    }

    @Override
    public ScimGroup patchGroup(String id, PatchRequest patch) {
        return call(() -> delegate.patchGroup(id, patch));
    }

    @Override
    public ServiceProviderConfig serviceProviderConfig() {
        return call(delegate::serviceProviderConfig);
    }

    /** Exposed for tests and the health view: how long calls are currently held back by a server's 429. */
    public Duration pausedFor() {
        return bucket.pausedFor();
    }
}
