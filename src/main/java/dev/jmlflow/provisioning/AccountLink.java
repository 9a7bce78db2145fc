package dev.jmlflow.provisioning;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Employee id + target -> the target's SCIM id; every write after the first addresses {@code /Users/{scimId}}. */
public record AccountLink(String target, String employeeId, String scimId, String userName,
                          AccountOrigin origin, LinkState state, Instant lastVerified) {

    /** The same link in {@code newState}, verified now. */
    AccountLink withState(LinkState newState, Clock clock) {
        return new AccountLink(target, employeeId, scimId, userName, origin, newState, timestamp(clock));
    }

    /** Microseconds: what both H2 and PostgreSQL timestamps keep, so a stored link reads back equal. */
    static Instant timestamp(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
