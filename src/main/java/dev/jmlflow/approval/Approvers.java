package dev.jmlflow.approval;

import static dev.jmlflow.access.AccessPlan.APP_OWNER_STAGE;
import static dev.jmlflow.access.AccessPlan.MANAGER_STAGE;

import dev.jmlflow.security.JmlflowGroups;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Who works an approval stage, for the assignee and candidate-group expressions of the {@code approveAccess}
 * tasks: the manager stage goes to the named manager, any other stage to the group of that name's approvers.
 */
@Component("approvers")
public class Approvers {

    public String assignee(String stage, String managerId) {
        return MANAGER_STAGE.equals(stage) ? managerId : null;
    }

    public List<String> candidateGroups(String stage) {
        return switch (stage) {
            case MANAGER_STAGE -> List.of();
            case APP_OWNER_STAGE -> List.of(JmlflowGroups.APP_OWNERS);
            default -> throw new IllegalArgumentException("unknown approval stage '" + stage + "'");
        };
    }
}
