package dev.jmlflow.process;

import dev.jmlflow.employee.EmployeeRecord;
import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.employee.EmployeeStatus;
import dev.jmlflow.engine.Schedule;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Fills the employee registry, once, from the history of the requests that ended before the registry existed:
 * at every start, each employee with a successful joiner in history and no registry record is added, as the
 * history tells it (names and email from the last successful joiner; role from the later of it and the last applied
 * mover; LEAVING or LEFT if a leaver has since started or finished removing access). After the first start there is
 * nobody left to add, because every joiner that ends now writes the registry itself. Rejected, rolled-back and
 * superseded requests never took effect and do not count. A record already in the registry is never overwritten.
 */
@Component
public class EmployeeHistoryImport {

    static final String JOINER_DONE = "EndEvent_AccessProvisioned";
    static final String MOVER_DONE = "EndEvent_ChangeApplied";
    static final String ACCESS_REMOVAL = "Task_FindLinkedAccounts";
    static final String ACCESS_REMOVED = "Task_NotifyAccessRemoved";

    private static final Logger LOG = LoggerFactory.getLogger(EmployeeHistoryImport.class);

    private final HistoryService history;
    private final EmployeeRegistry registry;

    public EmployeeHistoryImport(HistoryService history, EmployeeRegistry registry) {
        this.history = history;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void importOnStart() {
        int added = importMissing();
        if (added > 0) {
            LOG.info("Employee registry: {} employees added from the history of earlier requests", added);
        }
    }

    /** The number of employees added. */
    public int importMissing() {
        Map<String, HistoricProcessInstance> joiners = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey("joiner").completed().list().stream()
                .filter(p -> JOINER_DONE.equals(p.getEndActivityId()) && p.getBusinessKey() != null)
                .collect(Collectors.toMap(HistoricProcessInstance::getBusinessKey, p -> p,
                        (a, b) -> a.getEndTime().after(b.getEndTime()) ? a : b));
        int added = 0;
        for (HistoricProcessInstance joiner : joiners.values()) {
            if (registry.find(joiner.getBusinessKey()).isEmpty() && add(joiner)) {
                added++;
            }
        }
        return added;
    }

    private boolean add(HistoricProcessInstance joiner) {
        String employeeId = joiner.getBusinessKey();
        Map<String, Object> names = variables(joiner);
        Map<String, Object> role = latest("mover", employeeId, MOVER_DONE)
                .filter(m -> m.getEndTime().after(joiner.getEndTime()))
                .map(this::variables).orElse(names);
        Optional<HistoricProcessInstance> leaver = latestLeaverSince(employeeId, joiner.getEndTime());
        EmployeeStatus status = leaver.map(l -> passed(l, ACCESS_REMOVED) ? EmployeeStatus.LEFT : EmployeeStatus.LEAVING)
                .orElse(EmployeeStatus.ACTIVE);
        LocalDate lastDay = leaver.map(l -> date(variables(l).get("lastDay"))).orElse(null);
        try {
            registry.saveIfAbsent(new EmployeeRecord(employeeId, text(names, "email"), text(names, "givenName"),
                    text(names, "familyName"), text(role, "department"), text(role, "jobTitle"),
                    text(role, "managerId"), status, date(names.get("startDate")), lastDay));
            return true;
        } catch (DuplicateKeyException written) {
            // a request of this employee wrote the record meanwhile; its facts are newer
            return false;
        }
    }

    private Optional<HistoricProcessInstance> latest(String key, String employeeId, String endActivity) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(key)
                .processInstanceBusinessKey(employeeId).completed().list().stream()
                .filter(p -> endActivity.equals(p.getEndActivityId()))
                .max(Comparator.comparing(HistoricProcessInstance::getEndTime));
    }

    /** The latest leaver that started removing access after the joiner; one still waiting for the last day is not. */
    private Optional<HistoricProcessInstance> latestLeaverSince(String employeeId, Date joinerEnd) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey("leaver")
                .processInstanceBusinessKey(employeeId).startedAfter(joinerEnd).list().stream()
                .filter(l -> passed(l, ACCESS_REMOVAL))
                .max(Comparator.comparing(HistoricProcessInstance::getStartTime));
    }

    private boolean passed(HistoricProcessInstance instance, String activityId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).activityId(activityId)
                .finished().count() > 0;
    }

    private Map<String, Object> variables(HistoricProcessInstance instance) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list().stream()
                .filter(v -> v.getValue() != null && v.getExecutionId() != null
                        && v.getExecutionId().equals(instance.getId()))
                .collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue, (a, b) -> b));
    }

    private static String text(Map<String, Object> variables, String name) {
        Object value = variables.get(name);
        return value == null ? null : value.toString();
    }

    private static LocalDate date(Object value) {
        return value == null ? null : Schedule.parse(value.toString());
    }
}
