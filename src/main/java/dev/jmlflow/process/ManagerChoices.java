package dev.jmlflow.process;

import dev.jmlflow.engine.Engine;
import dev.jmlflow.engine.FormChoices;
import dev.jmlflow.policy.JmlflowGroups;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * The joiner's and mover's manager picker ({@code valuesKey: managers}): the members of {@code managers} as
 * "Max Lind (mlind)", submitting the user id that {@link ApprovingManager} checks.
 */
@Component
class ManagerChoices implements FormChoices {

    private final IdentityService identity;

    ManagerChoices(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public String valuesKey() {
        return "managers";
    }

    @Override
    public List<Choice> choices(int limit) {
        // the list is offered to HR, who need not read users themselves
        List<User> managers = Engine.withoutAuthorization(() -> identity.createUserQuery()
                .memberOfGroup(JmlflowGroups.MANAGERS).orderByUserFirstName().asc().orderByUserLastName().asc()
                .listPage(0, limit));
        return managers.stream().map(user -> new Choice(label(user), user.getId(), null)).toList();
    }

    private static String label(User user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return name.isEmpty() ? user.getId() : name + " (" + user.getId() + ")";
    }
}
