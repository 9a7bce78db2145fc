package dev.jmlflow.provisioning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jmlflow.scim.ListResponse;
import dev.jmlflow.scim.ScimException;
import dev.jmlflow.scim.ScimFilter;
import dev.jmlflow.scim.ScimGroup;
import dev.jmlflow.targets.Target;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether a user is in a group, proven and not assumed: a server that leaves {@code members} out of
 * {@code GET /Groups/{id}} must not make a membership change look done. The evidence, in this order:
 * <ol>
 *   <li>a group read that carries {@code members};</li>
 *   <li>on a filter-safe target, {@code GET /Groups?filter=id eq "g" and members[value eq "u"]}, believed only when
 *       the same filter for a member id that cannot exist finds nothing (a server that ignores the members part
 *       would otherwise answer "member" every time);</li>
 *   <li>a read without {@code members} after a read of the same change that showed them: that server shows members,
 *       so none shown is none at all (RFC 7643 section 2.5).</li>
 * </ol>
 * Anything else is {@link Membership#UNKNOWN}, and a change that ends unknown is {@link MembershipUnverifiableException}.
 */
final class MembershipVerifier {

    enum Membership { MEMBER, NOT_MEMBER, UNKNOWN }

    private final ReadBack readBack;

    MembershipVerifier(ReadBack readBack) {
        this.readBack = readBack;
    }

    /** The evidence of one membership change of {@code userId} (employee {@code employeeId}) in {@code groupId}. */
    Check check(Target target, String groupId, String userId, String employeeId) {
        return new Check(target, groupId, userId, employeeId);
    }

    final class Check {

        private final Target target;
        private final String groupId;
        private final String userId;
        private final String employeeId;
        private boolean showedMembers;

        private Check(Target target, String groupId, String userId, String employeeId) {
            this.target = target;
            this.groupId = groupId;
            this.userId = userId;
            this.employeeId = employeeId;
        }

        /** What the target shows right now. */
        Membership read() {
            ScimGroup group = target.api().getGroup(groupId);
            if (group.members() != null) {
                showedMembers = true;
                return group.hasMember(userId) ? Membership.MEMBER : Membership.NOT_MEMBER;
            }
            Membership filtered = filtered();
            if (filtered == Membership.UNKNOWN && showedMembers) {
                return Membership.NOT_MEMBER;
            }
            return filtered;
        }

        /**
         * Whether the answer to our PATCH proves the change: it is this group and lists its members, with the user
         * among them or not as wanted. The same evidence as a read, without the read; no members listed proves nothing.
         */
        boolean shownBy(ScimGroup answer, boolean member) {
            if (answer == null || answer.members() == null || (answer.id() != null && !groupId.equals(answer.id()))) {
                return false;
            }
            showedMembers = true;
            return answer.hasMember(userId) == member;
        }

        /** The group exactly as the server sent it, for a PUT of the whole group; a listed member list counts as shown. */
        ObjectNode document() {
            ObjectNode doc = target.api().getGroupDocument(groupId);
            showedMembers |= doc.path("members").isArray();
            return doc;
        }

        /**
         * After a write: reads back (with the service's backoff) until the target shows the employee in or out of the
         * group. Unverifiable when nothing can show it; a transient {@link RetryLaterException} when it does not yet.
         */
        void await(boolean member) {
            Optional<Membership> shown = readBack.poll(() -> {
                Membership now = read();
                if (now == Membership.UNKNOWN) {
                    throw unverifiable();
                }
                return Optional.of(now).filter(m -> (m == Membership.MEMBER) == member);
            });
            if (shown.isEmpty()) {
                throw new RetryLaterException(target.name(), "group " + groupId + " does not show employee " + employeeId
                        + (member ? " as a member" : " as removed") + " yet after " + readBack.attempts() + " reads", null);
            }
        }

        MembershipUnverifiableException unverifiable() {
            return new MembershipUnverifiableException(target.name(), "group " + groupId + " does not show its members"
                    + " and cannot be filtered on them, so the membership of employee " + employeeId
                    + " cannot be verified; check it in the app by hand");
        }

        private Membership filtered() {
            if (!target.dialect().capabilities().lookup().filtersMembers() || !target.capabilities().filterSafe()) {
                return Membership.UNKNOWN;
            }
            try {
                if (groupsListing("jmlflow-canary-" + UUID.randomUUID()) != Membership.NOT_MEMBER) {
                    return Membership.UNKNOWN;
                }
                return groupsListing(userId);
            } catch (ScimException.InvalidFilter | ScimException.BadRequest refused) {
                return Membership.UNKNOWN;
            }
        }

        /** This group when it lists {@code memberId}, nothing when it does not; any other answer proves nothing. */
        private Membership groupsListing(String memberId) {
            ScimFilter filter = ScimFilter.eq("id", groupId).and(ScimFilter.valuePath("members", ScimFilter.eq("value", memberId)));
            ListResponse<ScimGroup> page = target.api().findGroups(filter, 1, 2);
            if (page == null || !page.declaresListResponseSchema() || page.totalResults() == null) {
                return Membership.UNKNOWN;
            }
            if (page.totalResults() == 0 && page.resources().isEmpty()) {
                return Membership.NOT_MEMBER;
            }
            if (page.totalResults() == 1 && page.resources().size() == 1) {
                ScimGroup group = page.resources().get(0);
                boolean consistent = groupId.equals(group.id()) && (group.members() == null || group.hasMember(memberId));
                return consistent ? Membership.MEMBER : Membership.UNKNOWN;
            }
            return Membership.UNKNOWN;
        }
    }
}
