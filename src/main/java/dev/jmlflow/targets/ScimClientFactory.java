package dev.jmlflow.targets;

import dev.jmlflow.scim.ScimApi;

/**
 * Builds the plain Feign client for one target (base URL, bearer token, timeouts, error decoder, no retries).
 * The only place a token is handed over; implementations must keep it out of logs and messages.
 */
@FunctionalInterface
public interface ScimClientFactory {

    ScimApi create(String targetName, TargetSettings settings);
}
