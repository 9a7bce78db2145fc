package dev.jmlflow.requests;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.policy.ApprovalDecision;
import dev.jmlflow.policy.ApprovalRecord;
import dev.jmlflow.security.BasicAuthentication.Caller;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/** The requests a viewer may see, each with its state, and one request with its evidence. */
@Component
class Requests {

    /** A request and its evidence, oldest step first. */
    record Detail(RequestSummary summary, List<Evidence> evidence) {
    }

    /** The process variables the list reads: names, the day a request waits for, why it ended. */
    private static final String[] VARIABLES = {"givenName", "familyName", "startDate", "effectiveDate", "lastDay",
        "failureReason", "cancelledBy", "cancellationReason"};

    private final RequestVisibility visibility;
    private final RequestStates states;
    private final RequestEvidence evidence;
    private final HistoryService history;
    private final EmployeeRegistry registry;
    private final People people;
    private final DataSource dataSource;

    Requests(RequestVisibility visibility, RequestStates states, RequestEvidence evidence, HistoryService history,
             EmployeeRegistry registry, People people, DataSource dataSource) {
        this.visibility = visibility;
        this.states = states;
        this.evidence = evidence;
        this.history = history;
        this.registry = registry;
        this.people = people;
        this.dataSource = dataSource;
    }

    List<RequestSummary> list(Caller viewer) {
        return visibility.visible(viewer).stream().map(request -> summary(request, decisions(request))).toList();
    }

    Optional<Detail> find(Caller viewer, String id) {
        return visibility.find(viewer, id).map(request -> {
            List<ApprovalDecision> decisions = decisions(request);
            return new Detail(summary(request, decisions), evidence.of(request, decisions));
        });
    }

    private RequestSummary summary(HistoricProcessInstance request, List<ApprovalDecision> decisions) {
        Map<String, Object> variables = processVariables(request);
        return new RequestSummary(request.getId(), request.getProcessDefinitionKey(), request.getBusinessKey(),
                name(request.getBusinessKey(), variables), people.name(request.getStartUserId()),
                request.getStartTime().toInstant(), request.getEndTime() == null ? null : request.getEndTime().toInstant(),
                states.of(request, variables, decisions));
    }

    /** The joiner's names as typed; a mover's or leaver's from the employee registry. */
    private String name(String employeeId, Map<String, Object> variables) {
        if (variables.get("givenName") != null) {
            return variables.get("givenName") + " " + variables.getOrDefault("familyName", "");
        }
        return registry.find(employeeId).map(person -> person.givenName() + " " + person.familyName()).orElse("");
    }

    private Map<String, Object> processVariables(HistoricProcessInstance request) {
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(request.getId()).variableNameIn(VARIABLES).list()) {
            if (request.getId().equals(variable.getActivityInstanceId()) && variable.getValue() != null) {
                variables.put(variable.getName(), variable.getValue());
            }
        }
        return variables;
    }

    private List<ApprovalDecision> decisions(HistoricProcessInstance request) {
        try (Connection connection = dataSource.getConnection()) {
            return ApprovalRecord.of(connection, request.getId());
        } catch (SQLException e) {
            throw new IllegalStateException("no connection for the approval record", e);
        }
    }
}
