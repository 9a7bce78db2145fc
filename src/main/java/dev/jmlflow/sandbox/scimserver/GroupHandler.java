package dev.jmlflow.sandbox.scimserver;

import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import de.captaingoldfish.scim.sdk.common.resources.Group;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.Member;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups of one tenant; {@code displayName} is unique and indexed so that a group can be found by name. Members must exist,
 * and adding one twice keeps one membership (RFC 7644 3.5.2.1), which the SDK's PATCH alone would not.
 */
final class GroupHandler extends MemoryHandler<Group> {

    private final UserHandler users;

    GroupHandler(UserHandler users) {
        super(Group.class, Map.of("displayName", Group::getDisplayName));
        this.users = users;
    }

    @Override
    Optional<String> uniqueValue(Group group) {
        return group.getDisplayName();
    }

    @Override
    String uniqueAttributeName() {
        return "displayName";
    }

    @Override
    void beforeStore(Group group) {
        Set<String> seen = new LinkedHashSet<>();
        List<Member> members = new ArrayList<>();
        for (Member member : group.getMembers()) {
            String id = member.getValue().orElseThrow(() ->
                new BadRequestException("a group member needs a value", null, ScimType.RFC7644.INVALID_VALUE));
            if (!users.contains(id) && !contains(id)) {
                throw new BadRequestException("no user or group with id '" + id + "'", null,
                    ScimType.RFC7644.INVALID_VALUE);
            }
            if (seen.add(id)) {
                members.add(member);
            }
        }
        group.setMembers(members);
    }
}
