package dev.jmlflow.provisioning;

/** The last verified state of a linked account. */
public enum LinkState { ACTIVE, DEACTIVATED, DELETED }
