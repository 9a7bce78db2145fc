package dev.jmlflow.requests;

import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/** Users and groups as people know them: "Max Lind", "App owners"; the id when Camunda has no name. */
@Component
class People {

    private final IdentityService identity;

    People(IdentityService identity) {
        this.identity = identity;
    }

    String name(String userId) {
        if (userId == null) {
            return "";
        }
        return Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult())
                .map(user -> (nonNull(user.getFirstName()) + " " + nonNull(user.getLastName())).strip())
                .filter(name -> !name.isEmpty()).orElse(userId);
    }

    String group(String groupId) {
        return Optional.ofNullable(identity.createGroupQuery().groupId(groupId).singleResult()).map(Group::getName)
                .filter(name -> !name.isBlank()).orElse(groupId);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
