package dev.jmlflow.mover;

import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.employee.EmployeeStatus;
import dev.jmlflow.engine.FormChoices;
import dev.jmlflow.process.RunningRequests;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The mover's employee picker ({@code valuesKey: employeesWhoCanMove}): the employed people of the registry, each
 * with the role the change replaces.
 */
@Component
class MoverEmployeeChoices implements FormChoices {

    private final EmployeeRegistry registry;

    MoverEmployeeChoices(EmployeeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String valuesKey() {
        return "employeesWhoCanMove";
    }

    /** Who works in the company and what they can access is for HR's eyes, not every reader of the form. */
    @Override
    public Optional<String> onlyForStartersOf() {
        return Optional.of(RunningRequests.MOVER);
    }

    @Override
    public List<Choice> choices(int limit) {
        return registry.list(Set.of(EmployeeStatus.ACTIVE, EmployeeStatus.LEAVING), limit).stream()
                .map(employee -> new Choice(employee.displayName(), employee.employeeId(), "You are changing the role of "
                        + employee.displayName() + ", now " + employee.jobTitle() + " in " + employee.department()
                        + ", managed by " + employee.managerId() + "."))
                .toList();
    }
}
