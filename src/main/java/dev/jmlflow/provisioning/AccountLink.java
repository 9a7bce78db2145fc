package dev.jmlflow.provisioning;

import java.time.Instant;

/** Employee id + target -> the target's SCIM id; every write after the first addresses {@code /Users/{scimId}}. */
public record AccountLink(String target, String employeeId, String scimId, String userName,
                          AccountOrigin origin, LinkState state, Instant lastVerified) {
}
