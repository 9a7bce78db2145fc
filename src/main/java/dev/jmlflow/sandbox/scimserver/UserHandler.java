package dev.jmlflow.sandbox.scimserver;

import de.captaingoldfish.scim.sdk.common.resources.User;

import java.util.Optional;

/** Users of one tenant; {@code userName} is unique, case-insensitively, as RFC 7643 asks. */
final class UserHandler extends MemoryHandler<User> {

    UserHandler() {
        super(User.class);
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
