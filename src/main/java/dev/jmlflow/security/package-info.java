/**
 * Who may do what in Camunda: users, groups and authorizations (derived from {@link dev.jmlflow.policy.ApprovalPolicy}),
 * the admin account, authentication of {@code /engine-rest}, and the start-up banner that tells a person how to log
 * in. Users another package needs for one start (the sandbox's demo users) come in through {@link
 * dev.jmlflow.security.SeededUsers}, so security knows nothing of the sandbox.
 */
package dev.jmlflow.security;
