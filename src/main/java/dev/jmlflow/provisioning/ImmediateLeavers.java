package dev.jmlflow.provisioning;

/**
 * Whether an employee is leaving immediately (their access must go now). The mass-change guard asks only when a
 * target's window is full: an immediate leaver's change is counted and sent, never held, and raises an alert.
 */
@FunctionalInterface
public interface ImmediateLeavers {

    boolean isLeavingImmediately(String employeeId);
}
