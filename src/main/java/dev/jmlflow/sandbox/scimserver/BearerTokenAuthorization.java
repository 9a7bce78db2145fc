package dev.jmlflow.sandbox.scimserver;

import de.captaingoldfish.scim.sdk.server.endpoints.authorize.Authorization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

/** Accepts a request when it carries the tenant's bearer token; the SDK answers 401 otherwise. */
final class BearerTokenAuthorization implements Authorization {

    private final byte[] expectedHeader;

    BearerTokenAuthorization(String token) {
        this.expectedHeader = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Set<String> getClientRoles() {
        return Set.of();
    }

    @Override
    public boolean authenticate(Map<String, String> httpHeaders, Map<String, String> queryParams) {
        String presented = httpHeaders.get("Authorization");
        // constant-time, so the sandbox does not teach anyone the token byte by byte
        return presented != null
            && MessageDigest.isEqual(expectedHeader, presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String getRealm() {
        return "SCIM";
    }
}
