package dev.jmlflow.sandbox.scimserver;

import de.captaingoldfish.scim.sdk.common.resources.User;

import java.util.Map;
import java.util.Optional;

/**
 * Users of one tenant; {@code userName} is unique, case-insensitively, as RFC 7643 asks. jmlflow looks users up by
 * {@code userName} and {@code externalId}, so those are indexed.
 */
final class UserHandler extends MemoryHandler<User> {

    UserHandler() {
        super(User.class, Map.of("userName", User::getUserName, "externalId", User::getExternalId));
    }

    @Override
    Optional<String> uniqueValue(User user) {
        return user.getUserName();
    }

    @Override
    String uniqueAttributeName() {
        return "userName";
    }
}
