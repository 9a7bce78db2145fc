package dev.jmlflow.provisioning;

/** How jmlflow came to manage an account; only {@code CREATED} accounts are undone by compensation. */
public enum AccountOrigin { CREATED, ADOPTED, REACTIVATED }
