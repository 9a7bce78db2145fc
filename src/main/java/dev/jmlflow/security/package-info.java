/**
 * Who may do what: Camunda users, groups and authorizations, the admin account, sandbox demo users,
 * authentication of {@code /engine-rest}, and the start-up banner that tells a person how to log in.
 *
 * <p>Other packages use {@link dev.jmlflow.security.SandboxMode} to know whether real targets are configured and
 * {@link dev.jmlflow.policy.JmlflowGroups} for the group ids.
 */
package dev.jmlflow.security;
