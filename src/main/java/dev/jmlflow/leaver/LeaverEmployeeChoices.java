package dev.jmlflow.leaver;

import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.employee.EmployeeStatus;
import dev.jmlflow.engine.FormChoices;
import dev.jmlflow.process.RunningRequests;
import dev.jmlflow.provisioning.IdentityLinkStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The leaver's employee picker ({@code valuesKey: employeesWhoCanLeave}): everyone in the registry who has not
 * left, each with the number of apps whose access the leaver removes.
 */
@Component
class LeaverEmployeeChoices implements FormChoices {

    private final EmployeeRegistry registry;
    private final IdentityLinkStore links;

    LeaverEmployeeChoices(EmployeeRegistry registry, IdentityLinkStore links) {
        this.registry = registry;
        this.links = links;
    }

    @Override
    public String valuesKey() {
        return "employeesWhoCanLeave";
    }

    /** Who works in the company and what they can access is for HR's eyes, not every reader of the form. */
    @Override
    public Optional<String> onlyForStartersOf() {
        return Optional.of(RunningRequests.LEAVER);
    }

    @Override
    public List<Choice> choices(int limit) {
        Map<String, Integer> apps = links.accountCounts();
        return registry.list(Set.of(EmployeeStatus.PRE_HIRE, EmployeeStatus.ACTIVE, EmployeeStatus.LEAVING), limit)
                .stream()
                .map(employee -> new Choice(employee.displayName(), employee.employeeId(),
                        summary(employee.displayName(), apps.getOrDefault(employee.employeeId(), 0))))
                .toList();
    }

    private static String summary(String person, int apps) {
        return switch (apps) {
            case 0 -> "You are stopping the requests of " + person + ", who has no account in any app yet.";
            case 1 -> "You are removing access for " + person + " from 1 app.";
            default -> "You are removing access for " + person + " from " + apps + " apps.";
        };
    }
}
