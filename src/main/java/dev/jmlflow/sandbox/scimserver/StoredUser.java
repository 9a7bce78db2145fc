package dev.jmlflow.sandbox.scimserver;

/** A read-only snapshot of one user in a sandbox tenant, for pages and assertions; an absent {@code active} counts as active. */
public record StoredUser(String id, String userName, String externalId, String displayName, boolean active) {
}
