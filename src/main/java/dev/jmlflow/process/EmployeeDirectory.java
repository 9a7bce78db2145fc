package dev.jmlflow.process;

import dev.jmlflow.process.Engine;
import dev.jmlflow.provisioning.Employee;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * The employee as jmlflow last left them: names and email from their last successful joiner, department, job
 * title and manager from the later of that joiner and their last applied mover. jmlflow has no HR feed, so the
 * audit history of its own requests is the record; a request that was rejected, rolled back or stopped by a leaver
 * never took effect and does not count.
 */
@Component
public class EmployeeDirectory {

    public static final String JOINER_DONE = "EndEvent_AccessProvisioned";
    public static final String MOVER_DONE = "EndEvent_ChangeApplied";

    private final HistoryService history;

    public EmployeeDirectory(HistoryService history) {
        this.history = history;
    }

    public Optional<Employee> find(String employeeId) {
        return Engine.withoutAuthorization(() -> {
            Optional<HistoricProcessInstance> joiner = latest("joiner", employeeId, JOINER_DONE);
            if (joiner.isEmpty()) {
                return Optional.<Employee>empty();
            }
            Map<String, Object> names = variables(joiner.get());
            Map<String, Object> role = latest("mover", employeeId, MOVER_DONE)
                    .filter(m -> m.getEndTime().after(joiner.get().getEndTime()))
                    .map(this::variables).orElse(names);
            return Optional.of(new Employee(employeeId, (String) names.get("email"), (String) names.get("givenName"),
                    (String) names.get("familyName"), (String) role.get("department"), (String) role.get("jobTitle"),
                    (String) role.get("managerId")));
        });
    }

    private Optional<HistoricProcessInstance> latest(String key, String employeeId, String endActivity) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(key)
                .processInstanceBusinessKey(employeeId).completed().list().stream()
                .filter(p -> endActivity.equals(p.getEndActivityId()))
                .max(Comparator.comparing(HistoricProcessInstance::getEndTime));
    }

    private Map<String, Object> variables(HistoricProcessInstance instance) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list().stream()
                .filter(v -> v.getValue() != null && v.getExecutionId() != null
                        && v.getExecutionId().equals(instance.getId()))
                .collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue, (a, b) -> b));
    }
}
