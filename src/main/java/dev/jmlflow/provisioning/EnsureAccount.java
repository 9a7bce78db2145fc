package dev.jmlflow.provisioning;

import dev.jmlflow.scim.ScimException;
import dev.jmlflow.scim.ScimUser;
import dev.jmlflow.targets.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The steps of {@link ProvisioningService#ensureUser}: keep the stored account, or look one up and adopt it, or
 * create one, recorded before it is sent (R-J-3), never twice while an earlier create may still become visible.
 */
final class EnsureAccount {

    private final IdentityLinkStore links;
    private final ProvisioningProperties properties;
    private final Clock clock;
    private final ReadBack readBack;
    private final VerifiedAccounts accounts;
    private final Activation activation;

    EnsureAccount(IdentityLinkStore links, ProvisioningProperties properties, Clock clock, ReadBack readBack,
                  VerifiedAccounts accounts, Activation activation) {
        this.links = links;
        this.properties = properties;
        this.clock = clock;
        this.readBack = readBack;
        this.accounts = accounts;
        this.activation = activation;
    }

    /**
     * The stored account, reactivated if needed; empty when it is proven gone so the caller looks up and creates.
     * Gone writes nothing: the create that may follow records its attempt in a transaction of its own, which must
     * not wait for a row this (the job's) transaction holds. The link row is overwritten by the create's outcome.
     */
    Optional<AccountLink> stored(Target t, Employee employee, AccountLink link) {
        Optional<ScimUser> user = accounts.existingUser(t, link);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        if (VerifiedAccounts.moved(link, user.get())) {
            // re-created under a new id: taken over as a lookup before a create would; ours if our create made it
            boolean ourCreate = links.pendingCreate(t.name(), employee.employeeId()).isPresent();
            return Optional.of(adopt(t, employee, user.get(), ourCreate));
        }
        if (user.get().isActive()) {
            AccountLink verified = link.withState(LinkState.ACTIVE, clock);
            links.save(verified);
            return Optional.of(verified);
        }
        activation.set(t, link, true, t.reactivateStrategy());
        AccountLink rehired = new AccountLink(link.target(), link.employeeId(), link.scimId(), link.userName(),
                link.state() == LinkState.ACTIVE ? link.origin() : AccountOrigin.REACTIVATED, LinkState.ACTIVE, AccountLink.timestamp(clock));
        links.save(rehired);
        return Optional.of(rehired);
    }

    /**
     * The lookup before a create. Inside the settle window after our own create, "not found" is not trusted
     * (filters are eventually consistent, R-J-4): read again with backoff, then ask for a retry rather than POST twice.
     */
    Optional<ScimUser> lookup(Target t, Employee employee, Optional<IdentityLinkStore.PendingCreate> pending) {
        if (!t.capabilities().reachable()) {
            // a failed probe says nothing about filters: surface why the target cannot be used (retry or incident)
            t.confirmHealthy();
            t.refreshCapabilities();
        }
        if (!t.capabilities().filterSafe()) {
            throw new UnsafeLookupException(t.name(), "the target ignores filters (" + Objects.toString(t.capabilities().lastError(), "probe failed")
                    + ") and employee " + employee.employeeId() + " has no stored account id; match the account by hand");
        }
        boolean settling = pending.isPresent()
                && pending.get().attemptedAt().plus(properties.createSettleWindow()).isAfter(AccountLink.timestamp(clock));
        Optional<ScimUser> found = readBack.poll(settling ? readBack.attempts() : 1,
                () -> Lookups.userByName(t, employee.employeeId(), employee.userName()));
        if (found.isEmpty() && settling) {
            Duration left = Duration.between(AccountLink.timestamp(clock), pending.get().attemptedAt().plus(properties.createSettleWindow()));
            throw new RetryLaterException(t.name(), "the account created for employee " + employee.employeeId()
                    + " is not visible to lookups yet; not creating it a second time", left.isNegative() ? Duration.ZERO : left);
        }
        return found;
    }

    AccountLink adopt(Target t, Employee employee, ScimUser user, boolean ourCreate) {
        if (!VerifiedAccounts.isOurs(t, user, employee.employeeId(), ourCreate)) {
            throw new AccountConflictException(t.name(), "an account with the userName of employee " + employee.employeeId()
                    + " exists (id " + user.id() + ") and its externalId is not ours; link or rename it by hand");
        }
        AccountOrigin origin = ourCreate ? AccountOrigin.CREATED : AccountOrigin.ADOPTED;
        AccountLink link = new AccountLink(t.name(), employee.employeeId(), user.id(), employee.userName(), origin,
                LinkState.ACTIVE, AccountLink.timestamp(clock));
        if (!user.isActive()) {
            // the reactivation gives access to an account no link names yet: mark it (through the access fence) before
            // the write, so that a leaver whose cut-off comes before this job commits still finds and covers it
            links.recordCreateAttempt(t.name(), employee.employeeId(), employee.userName());
            activation.set(t, link, true, t.reactivateStrategy());
            link = new AccountLink(link.target(), link.employeeId(), link.scimId(), link.userName(),
                    ourCreate ? AccountOrigin.CREATED : AccountOrigin.REACTIVATED, LinkState.ACTIVE, AccountLink.timestamp(clock));
        }
        links.save(link);
        return link;
    }

    AccountLink create(Target t, Employee employee) {
        links.recordCreateAttempt(t.name(), employee.employeeId(), employee.userName());
        ScimUser created;
        try {
            created = t.api().createUser(UserMapping.newUser(employee));
        } catch (ScimException.Conflict e) {
            // 409 uniqueness: someone has the userName, maybe our own earlier create whose answer was lost (R-J-3)
            Optional<ScimUser> found = Lookups.userByName(t, employee.employeeId(), employee.userName());
            if (found.isEmpty()) {
                throw new RetryLaterException(t.name(), "create for employee " + employee.employeeId()
                        + " answered 409 but the existing account is not visible to lookups yet", properties.createSettleWindow());
            }
            return adopt(t, employee, found.get(), true);
        }
        String storedUserName = storedUserName(t, created);
        if (!Lookups.sameUserName(storedUserName, employee.userName())) {
            throw renamed(t, employee, created.id(), storedUserName);
        }
        AccountLink link = new AccountLink(t.name(), employee.employeeId(), created.id(), employee.userName(),
                AccountOrigin.CREATED, LinkState.ACTIVE, AccountLink.timestamp(clock));
        links.save(link);
        return link;
    }

    /** The userName the target keeps for a user it just created; read back when the answer leaves it out. */
    private static String storedUserName(Target t, ScimUser created) {
        String userName = created.userName() != null ? created.userName() : t.api().getUser(created.id()).userName();
        if (userName == null) {
            throw new ScimException.ProtocolViolation(200, "target " + t.name() + ": user " + created.id()
                    + " was created but the target shows no userName for it");
        }
        return userName;
    }

    /**
     * The target stored our create under another userName. Every later identity check would see someone else, so the
     * account is neither linked under our userName nor left active: it is linked under the target's userName as
     * CREATED (leavers cover it, and it can never pass for the requested person), deactivated, and ops get the conflict.
     */
    private AccountConflictException renamed(Target t, Employee employee, String scimId, String storedUserName) {
        AccountLink link = new AccountLink(t.name(), employee.employeeId(), scimId, storedUserName, AccountOrigin.CREATED,
                LinkState.ACTIVE, AccountLink.timestamp(clock));
        String outcome;
        try {
            activation.set(t, link, false, t.writeStrategy());
            link = link.withState(LinkState.DEACTIVATED, clock);
            outcome = "it was deactivated";
        } catch (ProvisioningException | ScimException | RetryLaterException e) {
            outcome = "deactivating it failed (" + e.getMessage() + "), so it is STILL ACTIVE";
        }
        links.save(link);
        return new AccountConflictException(t.name(), "the account created for employee " + employee.employeeId() + " (id "
                + scimId + ") came back with another userName; " + outcome + " and is linked as created under the"
                + " target's userName; rename or remove it in the app by hand");
    }

    /** See {@link ProvisioningService#resolvePendingCreate}: the leaver settling a create attempt without a link. */
    void resolvePending(Target t, String employeeId, Duration inFlight) {
        String target = t.name();
        Optional<IdentityLinkStore.PendingCreate> pending = links.pendingCreate(target, employeeId);
        if (pending.isEmpty() || links.find(target, employeeId).filter(l -> l.state() != LinkState.DELETED).isPresent()) {
            return;
        }
        Employee attempted = new Employee(employeeId, pending.get().userName(), null, null, null, null, null);
        Optional<ScimUser> found = lookup(t, attempted, pending);
        if (found.isPresent()) {
            if (!VerifiedAccounts.isOurs(t, found.get(), employeeId, true)) {
                throw new IdentityMismatchException(target, "an account with the userName of employee " + employeeId
                        + " exists (id " + found.get().id() + ") and its externalId is not ours; no write");
            }
            links.save(new AccountLink(target, employeeId, found.get().id(), attempted.userName(), AccountOrigin.CREATED,
                    LinkState.ACTIVE, AccountLink.timestamp(clock)));
            return;
        }
        Instant settled = pending.get().attemptedAt().plus(inFlight).plus(properties.createSettleWindow());
        if (settled.isAfter(AccountLink.timestamp(clock))) {
            throw new RetryLaterException(target, "the create sent for employee " + employeeId + " at "
                    + pending.get().attemptedAt() + " may still land; not calling it absent before " + settled,
                    Duration.between(AccountLink.timestamp(clock), settled));
        }
        links.save(new AccountLink(target, employeeId, null, attempted.userName(), AccountOrigin.CREATED, LinkState.DELETED, AccountLink.timestamp(clock)));
    }
}
