package dev.jmlflow.targets;

import java.time.Instant;

/** Tells ops about a breaker; implemented above this package (mail, Tasklist), called on one node per event. */
public interface BreakerAlerts {

    void opened(String target, String reason, Instant since);

    void closed(String target, String how);
}
