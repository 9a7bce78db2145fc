package dev.jmlflow.leaver;

import dev.jmlflow.process.Engine;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * The leaver's manager, as the latest joiner or mover request for the employee named it. A leaver request does not
 * ask HR for the manager again; the audit trail already knows. A request this leaver stopped never took effect.
 */
@Component
public class ManagerOfRecord {

    private final HistoryService history;

    public ManagerOfRecord(HistoryService history) {
        this.history = history;
    }

    public Optional<String> of(String employeeId) {
        return Engine.withoutAuthorization(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(employeeId)
                .processDefinitionKeyIn("joiner", "mover")
                .orderByProcessInstanceStartTime().desc()
                .list().stream()
                .filter(request -> !StopPendingRequests.wasSuperseded(request.getDeleteReason()))
                .map(this::managerId)
                .flatMap(Optional::stream)
                .findFirst());
    }

    private Optional<String> managerId(HistoricProcessInstance request) {
        return history.createHistoricVariableInstanceQuery()
                .processInstanceId(request.getId())
                .variableName("managerId")
                .list().stream()
                .map(HistoricVariableInstance::getValue)
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .filter(Objects::nonNull)
                .findFirst();
    }
}
