package dev.jmlflow.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jmlflow.scim.PatchOperation;
import dev.jmlflow.scim.PatchRequest;
import dev.jmlflow.scim.ScimClients;
import dev.jmlflow.scim.ScimException;
import dev.jmlflow.scim.ScimFilter;
import dev.jmlflow.scim.ScimGroup;
import dev.jmlflow.scim.ScimSchemas;
import dev.jmlflow.scim.ScimUser;
import dev.jmlflow.target.Target;
import dev.jmlflow.target.TargetRegistry;
import dev.jmlflow.target.WriteStrategy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
@EnableConfigurationProperties(ProvisioningProperties.class)
public class ProvisioningService {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningService.class);
    private final TargetRegistry targets;
    private final IdentityLinkStore links;
    private final ProvisioningProperties properties;
    private final Clock clock;
    private final ReadBack readBack;
    private final ObjectMapper json = ScimClients.objectMapper();
    private final Map<String, Object> groupLocks = new ConcurrentHashMap<>();
    private final MembershipVerifier memberships;

    @Autowired
    public ProvisioningService(TargetRegistry targets, IdentityLinkStore links, ProvisioningProperties properties) {
        this(targets, links, properties, Clock.systemUTC(), ReadBack::sleepQuietly);
    }

    ProvisioningService(TargetRegistry targets, IdentityLinkStore links, ProvisioningProperties properties, Clock clock,
                        ReadBack.Sleeper sleeper) {
        this.targets = targets;
        this.links = links;
        this.properties = properties;
        this.clock = clock;
        this.readBack = new ReadBack(properties, sleeper);
        this.memberships = new MembershipVerifier(readBack);
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
        known.ifPresent(link -> requireSamePerson(t, employee, link.userName(), "is linked to account " + link.scimId()));
        Optional<AccountLink> stored = known.filter(l -> l.state() != LinkState.DELETED);
        if (stored.isPresent()) {
            Optional<AccountLink> kept = ensureStored(t, employee, stored.get());
            if (kept.isPresent()) {
                return kept.get();
            }
        }
        Optional<IdentityLinkStore.PendingCreate> pending = links.pendingCreate(target, employee.employeeId());
        pending.ifPresent(p -> requireSamePerson(t, employee, p.userName(), "has a create attempt on record"));
        Optional<ScimUser> found = lookup(t, employee, pending);
        if (found.isPresent()) {
            return adopt(t, employee, found.get(), pending.isPresent());
        }
        return create(t, employee);
    }

    /**
     * Adds the employee to the group (by displayName) with a one-member PATCH, only when the linked account still is
     * the request's {@code userName}; already a member = done. Done means the target shows the membership.
     */
    public void addMembership(String target, String employeeId, String userName, String group) {
        changeMembership(targets.get(target), employeeId, userName, group, true);
    }

    /** Removes the employee from the group, like {@link #addMembership}; proven not a member = done. */
    public void removeMembership(String target, String employeeId, String userName, String group) {
        changeMembership(targets.get(target), employeeId, userName, group, false);
    }

    /** The leaver's removal: from whatever account the employee id is linked to, after the identity check. */
    public void removeMembership(String target, String employeeId, String group) {
        Target t = targets.get(target);
        changeMembership(t, employeeId, requireLink(t, employeeId).userName(), group, false);
    }

    /** The displayNames of the groups the account is in, read live from the target. */
    public Set<String> currentGroups(String target, String employeeId) {
        Target t = targets.get(target);
        AccountLink link = requireLink(t, employeeId);
        ScimUser user = verifiedUser(t, link);
        Set<String> names = new LinkedHashSet<>();
        if (user.groups() != null && !user.groups().isEmpty()) {
            for (ScimUser.GroupRef ref : user.groups()) {
                names.add(ref.display() != null ? ref.display() : t.api().getGroup(ref.value()).displayName());
            }
            return names;
        }
        // servers that do not list groups on the user: read every group (paged, loop-checked)
        int start = 1;
        for (int page = 0; page < Lookups.MAX_PAGES; page++) {
            var groups = t.api().listGroups(start, Lookups.PAGE_SIZE);
            groups.resources().stream().filter(g -> g.hasMember(link.scimId())).map(ScimGroup::displayName).forEach(names::add);
            start += groups.resources().size();
            if (groups.resources().isEmpty() || groups.totalResults() == null || start > groups.totalResults()
                    || !t.dialect().capabilities().pagingReliable()) {
                return names;
            }
        }
        throw new IdentityMismatchException(target, "group list did not end after " + Lookups.MAX_PAGES + " pages");
    }

    /** Brings name, display name, job title and department in line; nothing changed = no write. */
    public void updateAttributes(String target, Employee employee) {
        Target t = targets.get(target);
        AccountLink link = requireLink(t, employee.employeeId());
        t.writeStrategy().update(t.api(), link.scimId(), current(t, link), UserMapping.attributes(employee));
        links.save(withState(link, link.state()));
    }

    /**
     * Deactivates the account (soft delete) after verifying the stored id still is this employee (R-ID-2), then
     * reads it back until {@code active=false} shows (R-L-1). An account that is already gone counts as done once
     * the target is otherwise healthy.
     */
    public void deactivate(String target, String employeeId) {
        Target t = targets.get(target);
        AccountLink link = requireLink(t, employeeId);
        if (link.state() == LinkState.DELETED) {
            return;
        }
        Optional<ScimUser> user = existingUser(t, link);
        if (user.isEmpty()) {
            links.save(withState(link, LinkState.DELETED));
            return;
        }
        AccountLink current = at(link, user.get());
        if (user.get().active() != null && !user.get().active()) {
            links.save(withState(current, LinkState.DEACTIVATED));
            return;
        }
        setActive(t, current, false, t.writeStrategy());
        links.save(withState(current, LinkState.DEACTIVATED));
    }

    /** A read, no write: the account of record shows {@code active=false}, or its link says it is gone. */
    public boolean readsInactive(String target, String employeeId) {
        Target t = targets.get(target);
        AccountLink link = requireLink(t, employeeId);
        return link.state() == LinkState.DELETED
                || existingUser(t, link).map(user -> user.active() != null && !user.active()).orElse(false);
    }

    /** Sets the account active again (identity verified first) and reads it back. */
    public void reactivate(String target, String employeeId) {
        Target t = targets.get(target);
        AccountLink link = requireLink(t, employeeId);
        ScimUser user = verifiedUser(t, link);
        if (!user.isActive()) {
            setActive(t, link, true, t.reactivateStrategy());
        }
        links.save(withState(link, LinkState.ACTIVE));
    }

    /** Hard delete after identity verification; 404 means already gone only when the target is otherwise healthy. */
    public void delete(String target, String employeeId) {
        Target t = targets.get(target);
        AccountLink link = requireLink(t, employeeId);
        if (link.state() == LinkState.DELETED) {
            return;
        }
        Optional<ScimUser> user = existingUser(t, link);
        AccountLink current = user.map(u -> at(link, u)).orElse(link);
        if (user.isPresent()) {
            try {
                t.api().deleteUser(current.scimId());
            } catch (ScimException.NotFound e) {
                t.confirmHealthy();
            }
        }
        links.save(withState(current, LinkState.DELETED));
    }

    /**
     * Compensation of a joiner's create: deactivates the account only when jmlflow created it (origin CREATED) and
     * it still is this employee's; adopted or reactivated accounts, and accounts whose id now belongs to someone
     * else, are left alone.
     */
    public void undoCreatedAccount(String target, String employeeId) {
        Target t = targets.get(target);
        Optional<AccountLink> found = links.find(target, employeeId);
        if (found.isEmpty() || found.get().origin() != AccountOrigin.CREATED || found.get().state() != LinkState.ACTIVE) {
            return;
        }
        try {
            deactivate(target, employeeId);
        } catch (IdentityMismatchException e) {
            log.warn("target {}: not undoing the account created for employee {}: {}", t.name(), employeeId, e.getMessage());
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
        Target t = targets.get(target);
        Optional<IdentityLinkStore.PendingCreate> pending = links.pendingCreate(target, employeeId);
        if (pending.isEmpty() || links.find(target, employeeId).filter(l -> l.state() != LinkState.DELETED).isPresent()) {
            return;
        }
        Employee attempted = new Employee(employeeId, pending.get().userName(), null, null, null, null, null);
        Optional<ScimUser> found = lookup(t, attempted, pending);
        if (found.isPresent()) {
            if (!isOurs(t, found.get(), employeeId, true)) {
                throw new IdentityMismatchException(target, "an account with the userName of employee " + employeeId
                        + " exists (id " + found.get().id() + ") and its externalId is not ours; no write");
            }
            links.save(new AccountLink(target, employeeId, found.get().id(), attempted.userName(), AccountOrigin.CREATED,
                    LinkState.ACTIVE, now()));
            return;
        }
        Instant settled = pending.get().attemptedAt().plus(inFlight).plus(properties.createSettleWindow());
        if (settled.isAfter(now())) {
            throw new RetryLaterException(target, "the create sent for employee " + employeeId + " at "
                    + pending.get().attemptedAt() + " may still land; not calling it absent before " + settled,
                    Duration.between(now(), settled));
        }
        links.save(new AccountLink(target, employeeId, null, attempted.userName(), AccountOrigin.CREATED, LinkState.DELETED, now()));
    }

    public Optional<AccountLink> link(String target, String employeeId) {
        return links.find(target, employeeId);
    }

    public List<AccountLink> links(String employeeId) {
        return links.findByEmployee(employeeId);
    }

    // --- ensureUser ---------------------------------------------------------------------------------------------

    /**
     * The stored account, reactivated if needed; empty when it is proven gone so the caller looks up and creates.
     * Gone writes nothing: the create that may follow records its attempt in a transaction of its own, which must
     * not wait for a row this (the job's) transaction holds. The link row is overwritten by the create's outcome.
     */
    private Optional<AccountLink> ensureStored(Target t, Employee employee, AccountLink link) {
        Optional<ScimUser> user = existingUser(t, link);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        if (moved(link, user.get())) {
            // re-created under a new id: taken over as a lookup before a create would; ours if our create made it
            boolean ourCreate = links.pendingCreate(t.name(), employee.employeeId()).isPresent();
            return Optional.of(adopt(t, employee, user.get(), ourCreate));
        }
        if (user.get().isActive()) {
            AccountLink verified = withState(link, LinkState.ACTIVE);
            links.save(verified);
            return Optional.of(verified);
        }
        setActive(t, link, true, t.reactivateStrategy());
        AccountLink rehired = new AccountLink(link.target(), link.employeeId(), link.scimId(), link.userName(),
                link.state() == LinkState.ACTIVE ? link.origin() : AccountOrigin.REACTIVATED, LinkState.ACTIVE, now());
        links.save(rehired);
        return Optional.of(rehired);
    }

    /**
     * The lookup before a create. Inside the settle window after our own create, "not found" is not trusted
     * (filters are eventually consistent, R-J-4): read again with backoff, then ask for a retry rather than POST twice.
     */
    private Optional<ScimUser> lookup(Target t, Employee employee, Optional<IdentityLinkStore.PendingCreate> pending) {
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
                && pending.get().attemptedAt().plus(properties.createSettleWindow()).isAfter(now());
        Optional<ScimUser> found = readBack.poll(settling ? readBack.attempts() : 1,
                () -> Lookups.userByName(t, employee.employeeId(), employee.userName()));
        if (found.isEmpty() && settling) {
            Duration left = Duration.between(now(), pending.get().attemptedAt().plus(properties.createSettleWindow()));
            throw new RetryLaterException(t.name(), "the account created for employee " + employee.employeeId()
                    + " is not visible to lookups yet; not creating it a second time", left.isNegative() ? Duration.ZERO : left);
        }
        return found;
    }

    private AccountLink adopt(Target t, Employee employee, ScimUser user, boolean ourCreate) {
        if (!isOurs(t, user, employee.employeeId(), ourCreate)) {
            throw new AccountConflictException(t.name(), "an account with the userName of employee " + employee.employeeId()
                    + " exists (id " + user.id() + ") and its externalId is not ours; link or rename it by hand");
        }
        AccountOrigin origin = ourCreate ? AccountOrigin.CREATED : AccountOrigin.ADOPTED;
        AccountLink link = new AccountLink(t.name(), employee.employeeId(), user.id(), employee.userName(), origin,
                LinkState.ACTIVE, now());
        if (!user.isActive()) {
            setActive(t, link, true, t.reactivateStrategy());
            link = new AccountLink(link.target(), link.employeeId(), link.scimId(), link.userName(),
                    ourCreate ? AccountOrigin.CREATED : AccountOrigin.REACTIVATED, LinkState.ACTIVE, now());
        }
        links.save(link);
        return link;
    }

    private AccountLink create(Target t, Employee employee) {
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
                AccountOrigin.CREATED, LinkState.ACTIVE, now());
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
                LinkState.ACTIVE, now());
        String outcome;
        try {
            setActive(t, link, false, t.writeStrategy());
            link = withState(link, LinkState.DEACTIVATED);
            outcome = "it was deactivated";
        } catch (ProvisioningException | ScimException | RetryLaterException e) {
            outcome = "deactivating it failed (" + e.getMessage() + "), so it is STILL ACTIVE";
        }
        links.save(link);
        return new AccountConflictException(t.name(), "the account created for employee " + employee.employeeId() + " (id "
                + scimId + ") came back with another userName; " + outcome + " and is linked as created under the"
                + " target's userName; rename or remove it in the app by hand");
    }

    /** One employee id is one person: a userName on record that is not the request's belongs to someone else. */
    private static void requireSamePerson(Target t, Employee employee, String recordedUserName, String what) {
        if (!Lookups.sameUserName(recordedUserName, employee.userName())) {
            throw new AccountConflictException(t.name(), "employee " + employee.employeeId() + " " + what
                    + " under another userName; one employee id is one person, so nothing was written");
        }
    }

    /**
     * Proof of ownership: {@code externalId} equals the employee id (exactly; it is caseExact). On a target that
     * keeps no externalId, only our own recorded create attempt for this userName counts.
     */
    private static boolean isOurs(Target t, ScimUser user, String employeeId, boolean ourCreate) {
        if (user.externalId() != null) {
            return user.externalId().equals(employeeId);
        }
        return !t.dialect().capabilities().storesExternalId() && ourCreate;
    }

    // --- memberships -----------------------------------------------------------------------------------------

    private void changeMembership(Target t, String employeeId, String userName, String groupName, boolean add) {
        AccountLink link = requireLink(t, employeeId);
        if (!Lookups.sameUserName(link.userName(), userName)) {
            throw new IdentityMismatchException(t.name(), "the account linked for employee " + employeeId
                    + " is stored under another userName than the request's; no membership change");
        }
        verifiedUser(t, link);
        ScimGroup group = Lookups.groupByName(t, groupName);
        MembershipVerifier.Check check = memberships.check(t, group.id(), link.scimId(), employeeId);
        if (add) {
            links.admitWrite(t.name(), employeeId);
        }
        if (!t.dialect().capabilities().groupPatch()) {
            replaceMembers(t, check, group.id(), link.scimId(), add);
            return;
        }
        MembershipVerifier.Membership wanted = add ? MembershipVerifier.Membership.MEMBER : MembershipVerifier.Membership.NOT_MEMBER;
        if (check.read() == wanted) {
            return;
        }
        PatchOperation op = add ? PatchOperation.addMember(link.scimId()) : PatchOperation.removeMember(link.scimId());
        try {
            t.api().patchGroup(group.id(), PatchRequest.of(op));
        } catch (ScimException e) {
            // 409, 400 noTarget and friends for "already a member"/"not a member": the group's state decides (R-M-2)
            if (e.isTransient() || check.read() != wanted) {
                throw e;
            }
            return;
        }
        check.await(add);
    }

    /**
     * Membership on a server that only takes a PUT of the whole group (Coginiti). R-M-1 forbids this where PATCH
     * exists, because a concurrent change made between our read and our PUT is lost. Here it is the only way, so
     * the window is kept small: changes to one group are serialised within this JVM, the group is read right before
     * the PUT, only our member is added or removed, and the result is read back (the verifier's read-back). A read
     * without {@code members} is an empty group for an addition (RFC 7643 section 2.5; Coginiti documents the
     * attribute in its group reads), and the read-back must then list the members; a removal from a list the read
     * does not show is never "done".
     */
    private void replaceMembers(Target t, MembershipVerifier.Check check, String groupId, String userId, boolean add) {
        synchronized (groupLocks.computeIfAbsent(t.name() + "/" + groupId, k -> new Object())) {
            ObjectNode doc = check.document();
            JsonNode listed = doc.get("members");
            if (listed == null ? !add : !listed.isArray()) {
                throw check.unverifiable();
            }
            ArrayNode members = listed == null ? doc.putArray("members") : (ArrayNode) listed;
            boolean present = false;
            for (Iterator<JsonNode> it = members.iterator(); it.hasNext(); ) {
                if (userId.equals(it.next().path("value").asText(null))) {
                    present = true;
                    if (!add) {
                        it.remove();
                    }
                }
            }
            if (present == add) {
                return;
            }
            if (add) {
                members.addObject().put("value", userId);
            }
            doc.remove("meta");
            t.api().replaceGroupDocument(groupId, doc);
            check.await(add);
        }
    }

    // --- reads, identity, writes -----------------------------------------------------------------------------

    private AccountLink requireLink(Target t, String employeeId) {
        return links.find(t.name(), employeeId)
                .orElseThrow(() -> new NotLinkedException(t.name(), "no account is linked for employee " + employeeId));
    }

    /** GET by stored id plus the identity check (R-ID-2); a 404 propagates. */
    private ScimUser verifiedUser(Target t, AccountLink link) {
        ScimUser user = t.api().getUser(link.scimId());
        checkIdentity(t, link, user);
        return user;
    }

    private ObjectNode verifiedDocument(Target t, AccountLink link) {
        ObjectNode doc = t.api().getUserDocument(link.scimId());
        checkIdentity(t, link, json.convertValue(doc, ScimUser.class));
        return doc;
    }

    /**
     * The account of a stored link, identity verified: the one at the stored id or, when that id answers 404 on an
     * otherwise healthy target (R-E-4), the one lookups by userName and externalId prove is the employee's under a
     * new id (the app re-created it). Empty only when those lookups find nothing; anything else they find is an
     * {@link IdentityMismatchException} and no write.
     */
    private Optional<ScimUser> existingUser(Target t, AccountLink link) {
        try {
            return Optional.of(verifiedUser(t, link));
        } catch (ScimException.NotFound e) {
            t.confirmHealthy();
            Optional<ScimUser> moved = Lookups.relocated(t, link);
            moved.ifPresent(u -> log.info("target {}: account {} of employee {} answered 404; the app re-created it as {}",
                    t.name(), link.scimId(), link.employeeId(), u.id()));
            return moved;
        }
    }

    /** The link, re-pointed at {@code user} when the app re-created the account under a new id. */
    private static AccountLink at(AccountLink link, ScimUser user) {
        return moved(link, user) ? new AccountLink(link.target(), link.employeeId(), user.id(), link.userName(),
                link.origin(), link.state(), link.lastVerified()) : link;
    }

    /** Whether {@link #existingUser} found the account under a new id (a server may omit the id of a GET by id). */
    private static boolean moved(AccountLink link, ScimUser user) {
        return user.id() != null && !user.id().equals(link.scimId());
    }

    private static void checkIdentity(Target t, AccountLink link, ScimUser user) {
        List<String> problems = new ArrayList<>();
        if (user.id() != null && !user.id().equals(link.scimId())) {
            problems.add("the server answered with another id");
        }
        if (!Lookups.sameUserName(user.userName(), link.userName())) {
            problems.add("its userName is no longer the employee's");
        }
        if (user.externalId() != null ? !user.externalId().equals(link.employeeId()) : t.dialect().capabilities().storesExternalId()) {
            problems.add("its externalId is not the employee id");
        }
        if (!problems.isEmpty()) {
            throw new IdentityMismatchException(t.name(), "account " + link.scimId() + " stored for employee "
                    + link.employeeId() + " does not belong to them any more: " + String.join(", ", problems) + "; no write");
        }
    }

    /** The account as the target shows it, identity verified, read as the write strategy needs it. */
    private WriteStrategy.CurrentUser current(Target t, AccountLink link) {
        return new WriteStrategy.CurrentUser(() -> verifiedUser(t, link), () -> verifiedDocument(t, link));
    }

    /** Writes {@code active} and reads it back until the target shows it; a transient error otherwise. */
    private void setActive(Target t, AccountLink link, boolean active, WriteStrategy strategy) {
        if (active) {
            links.admitWrite(t.name(), link.employeeId());
        }
        strategy.replace(t.api(), link.scimId(), current(t, link), Map.of("active", active));
        boolean shown = readBack.poll(() -> Optional.of(verifiedUser(t, link))
                .filter(now -> now.active() != null && now.active() == active)).isPresent();
        if (shown) {
            return;
        }
        throw new RetryLaterException(t.name(), "account " + link.scimId() + " of employee " + link.employeeId()
                + " does not show active=" + active + " yet after " + properties.readBackAttempts() + " reads", null);
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

    private AccountLink withState(AccountLink link, LinkState state) {
        return new AccountLink(link.target(), link.employeeId(), link.scimId(), link.userName(), link.origin(), state, now());
    }

    /** Microseconds: what both H2 and PostgreSQL timestamps keep, so a stored link reads back equal. */
    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
