package dev.jmlflow.provisioning;

/**
 * One change the mass-change guard counts: a deactivation, a deletion or a group removal of one employee on one
 * target. {@code group} is empty for account changes.
 */
public record DestructiveChange(String target, String employeeId, Operation operation, String group) {

    public enum Operation { DEACTIVATE, DELETE, REMOVE_GROUP }

    public DestructiveChange {
        group = group == null ? "" : group;
    }
}
