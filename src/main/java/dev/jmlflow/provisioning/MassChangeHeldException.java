package dev.jmlflow.provisioning;

import java.time.Duration;

/**
 * The target's window of destructive changes is full: nothing was sent. The job layer reschedules the job for
 * {@link #retryAfter()} without using up a retry, as for a quarantined target; the app owner's "allow N more"
 * lets it through on its next run.
 */
public final class MassChangeHeldException extends RuntimeException {

    private final Duration retryAfter;

    public MassChangeHeldException(DestructiveChange change, int count, Duration retryAfter) {
        super(marker(change.target()) + ": " + describe(change) + " (" + count
                + " destructive changes in the window); waiting for the app owner; no request sent");
        this.retryAfter = retryAfter;
    }

    /** The words that name the target in the message; a held job carries them in its failure, so it can be woken. */
    public static String marker(String target) {
        return "target " + target + " held by the mass-change guard";
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    static String describe(DestructiveChange change) {
        return change.operation().name().toLowerCase() + " of employee " + change.employeeId()
                + (change.group().isEmpty() ? "" : " from group " + change.group());
    }
}
