package dev.jmlflow.provisioning;

import dev.jmlflow.scim.ScimException;
import dev.jmlflow.scim.ScimFilter;
import dev.jmlflow.scim.ScimUser;
import dev.jmlflow.targets.Target;
import dev.jmlflow.targets.TargetRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Engine-free, idempotent account operations on the configured targets. Every method may be re-run after a
 * crash or a timeout and converges without a duplicate account or membership: reads come before writes, every
 * write after the first match addresses the stored SCIM id, and a create is recorded before it is sent.
 * Transient {@link ScimException}s and {@link RetryLaterException} propagate for a job retry; business outcomes
 * are the {@link ProvisioningException} subclasses. Messages name the target and the employee id, never a token
 * or an email.
 */
@Service
public class ProvisioningService {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningService.class);
    private final TargetRegistry targets;
    private final IdentityLinkStore links;
    private final ProvisioningProperties properties;
    private final Clock clock;
    private final VerifiedAccounts accounts;
    private final Activation activation;
    private final EnsureAccount ensure;
    private final MembershipChanges memberships;
    private final MassChangeGuard guard;

    @Autowired
    public ProvisioningService(TargetRegistry targets, IdentityLinkStore links, ProvisioningProperties properties,
                               MassChangeGuard guard) {
        this(targets, links, properties, Clock.systemUTC(), ReadBack::sleepQuietly, guard);
    }

    ProvisioningService(TargetRegistry targets, IdentityLinkStore links, ProvisioningProperties properties, Clock clock,
                        ReadBack.Sleeper sleeper, MassChangeGuard guard) {
        this.guard = guard;
        this.targets = targets;
        this.links = links;
        this.properties = properties;
        this.clock = clock;
        ReadBack readBack = new ReadBack(properties, sleeper);
        this.accounts = new VerifiedAccounts(links);
        this.activation = new Activation(links, accounts, readBack);
        this.ensure = new EnsureAccount(links, properties, clock, readBack, accounts, activation);
        this.memberships = new MembershipChanges(links, accounts, new MembershipVerifier(readBack),
                new GroupIds(properties.groupIdTtl(), clock), guard);
    }

    /**
     * Makes sure the employee has an active account on the target and returns its link. Order: the stored id;
     * otherwise an exact userName lookup (adopt when {@code externalId} is ours, reactivate when ours but inactive,
     * conflict when not ours); otherwise a create with {@code externalId = employeeId}, recorded before it is sent.
     * One employee id is one person: a link or a create attempt on record under another userName is a conflict, and
     * nothing is written.
     */
    public AccountLink ensureUser(String target, Employee employee) {
        Target t = targets.get(target);
        validate(t, employee);
        Optional<AccountLink> known = links.find(target, employee.employeeId());
        known.ifPresent(link -> VerifiedAccounts.requireSamePerson(t, employee, link.userName(), "is linked to account " + link.scimId()));
        Optional<AccountLink> stored = known.filter(l -> l.state() != LinkState.DELETED);
        if (stored.isPresent()) {
            Optional<AccountLink> kept = ensure.stored(t, employee, stored.get());
            if (kept.isPresent()) {
                return kept.get();
            }
        }
        Optional<IdentityLinkStore.PendingCreate> pending = links.pendingCreate(target, employee.employeeId());
        pending.ifPresent(p -> VerifiedAccounts.requireSamePerson(t, employee, p.userName(), "has a create attempt on record"));
        Optional<ScimUser> found = ensure.lookup(t, employee, pending);
        if (found.isPresent()) {
            return ensure.adopt(t, employee, found.get(), pending.isPresent());
        }
        return ensure.create(t, employee);
    }

    /**
     * Adds the employee to the group (by displayName) with a one-member PATCH, only when the linked account still is
     * the request's {@code userName}; already a member = done. Done means the target shows the membership.
     */
    public void addMembership(String target, String employeeId, String userName, String group) {
        memberships.change(targets.get(target), employeeId, userName, group, true);
    }

    /** Removes the employee from the group, like {@link #addMembership}; proven not a member = done. */
    public void removeMembership(String target, String employeeId, String userName, String group) {
        memberships.change(targets.get(target), employeeId, userName, group, false);
    }

    /** The leaver's removal: from whatever account the employee id is linked to, after the identity check. */
    public void removeMembership(String target, String employeeId, String group) {
        Target t = targets.get(target);
        memberships.change(t, employeeId, accounts.requireLink(t, employeeId).userName(), group, false);
    }

    /** The displayNames of the groups the account is in, read live from the target. */
    public Set<String> currentGroups(String target, String employeeId) {
        return memberships.currentGroups(targets.get(target), employeeId);
    }

    /** Brings name, display name, job title and department in line; nothing changed = no write. */
    public void updateAttributes(String target, Employee employee) {
        Target t = targets.get(target);
        AccountLink link = accounts.requireLink(t, employee.employeeId());
        t.writeStrategy().update(t.api(), link.scimId(), accounts.current(t, link), UserMapping.attributes(employee));
        links.save(link.withState(link.state(), clock));
    }

    /**
     * Deactivates the account (soft delete) after verifying the stored id still is this employee (R-ID-2), then
     * reads it back until {@code active=false} shows (R-L-1). An account that is already gone counts as done once
     * the target is otherwise healthy.
     */
    public void deactivate(String target, String employeeId) {
        Target t = targets.get(target);
        AccountLink link = accounts.requireLink(t, employeeId);
        if (link.state() == LinkState.DELETED) {
            return;
        }
        Optional<ScimUser> user = accounts.existingUser(t, link);
        if (user.isEmpty()) {
            links.save(link.withState(LinkState.DELETED, clock));
            return;
        }
        AccountLink current = VerifiedAccounts.at(link, user.get());
        if (user.get().active() != null && !user.get().active()) {
            links.save(current.withState(LinkState.DEACTIVATED, clock));
            return;
        }
        guard.admit(new DestructiveChange(target, employeeId, DestructiveChange.Operation.DEACTIVATE, null));
        activation.set(t, current, false, t.writeStrategy());
        links.save(current.withState(LinkState.DEACTIVATED, clock));
    }

    /** A read, no write: the account of record shows {@code active=false}, or its link says it is gone. */
    public boolean readsInactive(String target, String employeeId) {
        Target t = targets.get(target);
        AccountLink link = accounts.requireLink(t, employeeId);
        return link.state() == LinkState.DELETED
                || accounts.existingUser(t, link).map(user -> user.active() != null && !user.active()).orElse(false);
    }

    /** Sets the account active again (identity verified first) and reads it back. */
    public void reactivate(String target, String employeeId) {
        Target t = targets.get(target);
        AccountLink link = accounts.requireLink(t, employeeId);
        ScimUser user = accounts.verifiedUser(t, link);
        if (!user.isActive()) {
            activation.set(t, link, true, t.reactivateStrategy());
        }
        links.save(link.withState(LinkState.ACTIVE, clock));
    }

    /** Hard delete after identity verification and the mass-change guard; 404 means already gone only when the target is otherwise healthy. */
    public void delete(String target, String employeeId) {
        Target t = targets.get(target);
        AccountLink link = accounts.requireLink(t, employeeId);
        if (link.state() == LinkState.DELETED) {
            return;
        }
        Optional<ScimUser> user = accounts.existingUser(t, link);
        AccountLink current = user.map(u -> VerifiedAccounts.at(link, u)).orElse(link);
        if (user.isPresent()) {
            guard.admit(new DestructiveChange(target, employeeId, DestructiveChange.Operation.DELETE, null));
            try {
                t.api().deleteUser(current.scimId());
            } catch (ScimException.NotFound e) {
                t.confirmHealthy();
            }
        }
        links.save(current.withState(LinkState.DELETED, clock));
    }

    /**
     * Compensation of a joiner's create: deactivates the account only when jmlflow created it (origin CREATED) and
     * it still is this employee's; adopted or reactivated accounts, and accounts whose id now belongs to someone
     * else, are left alone.
     */
    public void undoCreatedAccount(String target, String employeeId) {
        Optional<AccountLink> found = links.find(target, employeeId);
        if (found.isEmpty() || found.get().origin() != AccountOrigin.CREATED || found.get().state() != LinkState.ACTIVE) {
            return;
        }
        try {
            deactivate(target, employeeId);
        } catch (IdentityMismatchException e) {
            log.warn("target {}: not undoing the account created for employee {}: {}", target, employeeId, e.getMessage());
        }
    }

    /**
     * For a leaver: settles a create attempt that was never followed by a stored link. An exact lookup by userName
     * that finds our account (externalId = employee id) makes it a link, which {@link #deactivate} then handles;
     * finding nothing stores "no account" only once the attempt is settled, i.e. older than {@code inFlight} (the
     * longest a sent POST can still land: the target's timeouts) plus the create settle window. Until then
     * {@link RetryLaterException}; an account with that userName that is not ours is an identity mismatch.
     */
    public void resolvePendingCreate(String target, String employeeId, Duration inFlight) {
        ensure.resolvePending(targets.get(target), employeeId, inFlight);
    }

    public Optional<AccountLink> link(String target, String employeeId) {
        return links.find(target, employeeId);
    }

    public List<AccountLink> links(String employeeId) {
        return links.findByEmployee(employeeId);
    }

    private void validate(Target t, Employee e) {
        if (e.employeeId() == null || e.employeeId().isBlank() || e.userName() == null || e.userName().isBlank()) {
            throw new IllegalArgumentException("employeeId and userName are required");
        }
        if (!ScimFilter.isFilterSafe(e.userName())) {
            throw new IllegalArgumentException("the userName of employee " + e.employeeId()
                    + " contains control characters and cannot be looked up safely on target " + t.name());
        }
    }
}
