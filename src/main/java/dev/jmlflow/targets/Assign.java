package dev.jmlflow.targets;

/** Which joiners get an account on a target. */
public enum Assign {
    /** Every joiner, with whatever groups the rules give. */
    ALL,
    /** Only when the birthright decision or the request names the target. */
    BY_RULE
}
