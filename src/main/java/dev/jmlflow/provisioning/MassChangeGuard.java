package dev.jmlflow.provisioning;

/**
 * Asked before every destructive SCIM call (R-issue-10): returns when the change may go ahead, throws
 * {@link MassChangeHeldException} while the target's window is full and {@link MassChangeStoppedException} once
 * the app owner stopped the held changes.
 */
@FunctionalInterface
public interface MassChangeGuard {

    void admit(DestructiveChange change);
}
