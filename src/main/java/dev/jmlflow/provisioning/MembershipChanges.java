package dev.jmlflow.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jmlflow.scim.PatchOperation;
import dev.jmlflow.scim.PatchRequest;
import dev.jmlflow.scim.ScimException;
import dev.jmlflow.scim.ScimGroup;
import dev.jmlflow.scim.ScimUser;
import dev.jmlflow.targets.Target;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Group memberships of a linked account: read live, changed by one-member PATCH or a PUT of the group, proven after. */
final class MembershipChanges {

    private final IdentityLinkStore links;
    private final VerifiedAccounts accounts;
    private final MembershipVerifier memberships;
    private final GroupIds groupIds;
    private final MassChangeGuard guard;
    private final Map<String, Object> groupLocks = new ConcurrentHashMap<>();

    MembershipChanges(IdentityLinkStore links, VerifiedAccounts accounts, MembershipVerifier memberships,
                      GroupIds groupIds, MassChangeGuard guard) {
        this.links = links;
        this.accounts = accounts;
        this.memberships = memberships;
        this.groupIds = groupIds;
        this.guard = guard;
    }

    /** The displayNames of the groups the account is in, read live from the target. */
    Set<String> currentGroups(Target t, String employeeId) {
        AccountLink link = accounts.requireLink(t, employeeId);
        ScimUser user = accounts.verifiedUser(t, link);
        Set<String> names = new LinkedHashSet<>();
        if (user.groups() != null && !user.groups().isEmpty()) {
            for (ScimUser.GroupRef ref : user.groups()) {
                names.add(ref.display() != null ? ref.display() : t.api().getGroup(ref.value()).displayName());
            }
            return names;
        }
        // servers that do not list groups on the user: read every group (paged, loop-checked)
        Pager.collect(t, "group list", start -> t.api().listGroups(start, Pager.PAGE_SIZE), ScimGroup::id).stream()
                .filter(g -> g.hasMember(link.scimId())).map(ScimGroup::displayName).forEach(names::add);
        return names;
    }

    /**
     * The identity check reads the account; the group id comes from {@link GroupIds} (looked up again when a kept id
     * answers 404). The change is sent without reading the group first: adding a member twice or removing a
     * non-member changes nothing, and when the server refuses it as such, the group's state decides (R-M-2).
     */
    void change(Target t, String employeeId, String userName, String groupName, boolean add) {
        AccountLink link = accounts.requireLink(t, employeeId);
        if (!Lookups.sameUserName(link.userName(), userName)) {
            throw new IdentityMismatchException(t.name(), "the account linked for employee " + employeeId
                    + " is stored under another userName than the request's; no membership change");
        }
        accounts.verifiedUser(t, link);
        Optional<String> kept = groupIds.kept(t, groupName);
        if (kept.isPresent()) {
            try {
                change(t, kept.get(), groupName, link, add);
                return;
            } catch (ScimException.NotFound gone) {
                // the group was deleted since, perhaps re-created under a new id: look it up once more
                groupIds.forget(t, groupName);
            }
        }
        change(t, groupIds.lookUp(t, groupName), groupName, link, add);
    }

    private void change(Target t, String groupId, String groupName, AccountLink link, boolean add) {
        MembershipVerifier.Check check = memberships.check(t, groupId, link.scimId(), link.employeeId());
        if (add) {
            links.admitWrite(t.name(), link.employeeId());
        } else if (check.read() != MembershipVerifier.Membership.NOT_MEMBER) {
            guard.admit(new DestructiveChange(t.name(), link.employeeId(), DestructiveChange.Operation.REMOVE_GROUP, groupName));
        }
        if (!t.dialect().capabilities().groupPatch()) {
            replaceMembers(t, check, groupId, link.scimId(), add);
            return;
        }
        PatchOperation op = add ? PatchOperation.addMember(link.scimId()) : PatchOperation.removeMember(link.scimId());
        ScimGroup answer;
        try {
            answer = t.api().patchGroup(groupId, PatchRequest.of(op));
        } catch (ScimException e) {
            // 409, 400 noTarget and friends for "already a member"/"not a member": the group's state decides (R-M-2)
            MembershipVerifier.Membership wanted = add ? MembershipVerifier.Membership.MEMBER : MembershipVerifier.Membership.NOT_MEMBER;
            if (e.isTransient() || check.read() != wanted) {
                throw e;
            }
            return;
        }
        if (!check.shownBy(answer, add)) {
            check.await(add);
        }
    }

    /**
     * Membership on a server that only takes a PUT of the whole group (Coginiti). R-M-1 forbids this where PATCH
     * exists, because a concurrent change made between our read and our PUT is lost. Here it is the only way, so
     * changes to one group are serialised across nodes by a database row lock held from the read through the PUT to
     * the read-back ({@link GroupWriteLock}); within this JVM a monitor queues the threads first, so that they wait
     * without each holding a pooled connection at the row. Only our member is added or removed. A read
     * without {@code members} is an empty group for an addition (RFC 7643 section 2.5; Coginiti documents the
     * attribute in its group reads), and the read-back must then list the members; a removal from a list the read
     * does not show is never "done".
     */
    private void replaceMembers(Target t, MembershipVerifier.Check check, String groupId, String userId, boolean add) {
        synchronized (groupLocks.computeIfAbsent(t.name() + "/" + groupId, k -> new Object())) {
            links.holdingGroupWriteLock(t.name(), groupId, () -> putWithMember(t, check, groupId, userId, add));
        }
    }

    private static void putWithMember(Target t, MembershipVerifier.Check check, String groupId, String userId, boolean add) {
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
