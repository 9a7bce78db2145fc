package dev.jmlflow.targets;

import java.time.Instant;

/**
 * What a probe found out about a target. {@code filterSafe} is false unless a canary lookup of a user that
 * cannot exist answered 200 with no results; lookups on a filter-unsafe target never drive writes.
 * {@code lastError} never contains a token.
 */
public record TargetCapabilities(boolean reachable, boolean patchSupported, boolean etagSupported, boolean filterSafe,
                                 Instant probedAt, String lastError) {

    /** Before the first probe: nothing is known, so nothing is allowed that needs knowledge. */
    public static TargetCapabilities unknown() {
        return new TargetCapabilities(false, false, false, false, null, "not probed yet");
    }

    public boolean probed() {
        return probedAt != null;
    }
}
