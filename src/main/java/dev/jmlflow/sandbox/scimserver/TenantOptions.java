package dev.jmlflow.sandbox.scimserver;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One tenant of the sandbox server: its own base path {@code /scim/<name>/v2}, store, bearer token and profile.
 *
 * @param name          path segment, lower-case letters, digits and dashes
 * @param token         the bearer token a client must present; never printed
 * @param profile       the vendor capabilities to imitate
 * @param seedGroups    display names of groups that exist from the start (joiners can only be put into
 *                      groups that exist)
 */
public record TenantOptions(String name, String token, Profile profile, List<String> seedGroups) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public TenantOptions {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tenant name must match " + NAME.pattern() + ": " + name);
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("tenant " + name + " needs a bearer token");
        }
        Objects.requireNonNull(profile, "profile");
        seedGroups = List.copyOf(seedGroups == null ? List.of() : seedGroups);
    }

    public TenantOptions(String name, String token, Profile profile) {
        this(name, token, profile, List.of());
    }

    @Override
    public String toString() {
        return "TenantOptions[name=" + name + ", token=***, profile=" + profile.name() + ", seedGroups=" + seedGroups + "]";
    }
}
