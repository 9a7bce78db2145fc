package dev.jmlflow.requests;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.jmlflow.policy.ApprovalRecord;
import dev.jmlflow.policy.JmlflowGroups;
import dev.jmlflow.security.BasicAuthentication.Caller;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The one rule of who sees which request, for the list, the request page and both CSVs. IT ops and admins see every
 * request. Everybody else sees the requests they started (HR) and the ones they approve: those they decided a stage
 * of (the approval record) and those with an open task they are assigned or a candidate for (managers, app owners).
 * A request someone may not see is answered as if it did not exist.
 */
@Component
class RequestVisibility {

    static final List<String> PROCESSES = List.of("joiner", "mover", "leaver");
    /** The list shows the newest requests; older ones are still reachable by their page. */
    static final int LIST_LIMIT = 200;
    private static final Set<String> SEE_ALL = Set.of(JmlflowGroups.IT_OPS, JmlflowGroups.CAMUNDA_ADMIN);

    private final HistoryService history;
    private final TaskService tasks;
    private final DataSource dataSource;

    RequestVisibility(HistoryService history, TaskService tasks, DataSource dataSource) {
        this.history = history;
        this.tasks = tasks;
        this.dataSource = dataSource;
    }

    /** The requests the viewer may see, newest first. */
    List<HistoricProcessInstance> visible(Caller viewer) {
        if (seesAll(viewer)) {
            return requests().listPage(0, LIST_LIMIT);
        }
        Set<String> approved = approvedBy(viewer);
        Stream<HistoricProcessInstance> started = requests().startedBy(viewer.userId()).listPage(0, LIST_LIMIT).stream();
        Stream<HistoricProcessInstance> decided = approved.isEmpty() ? Stream.empty()
                : requests().processInstanceIds(approved).listPage(0, LIST_LIMIT).stream();
        return Stream.concat(started, decided)
                .filter(distinctBy(new HashSet<>()))
                .sorted(Comparator.comparing(HistoricProcessInstance::getStartTime).reversed())
                .limit(LIST_LIMIT).toList();
    }

    /** The request, if it exists, is a joiner, mover or leaver, and the viewer may see it. */
    Optional<HistoricProcessInstance> find(Caller viewer, String processInstanceId) {
        return Optional.ofNullable(requests().processInstanceId(processInstanceId).singleResult())
                .filter(request -> seesAll(viewer) || viewer.userId().equals(request.getStartUserId())
                        || approvedBy(viewer).contains(request.getId()));
    }

    static boolean seesAll(Caller viewer) {
        return viewer.groups().stream().anyMatch(SEE_ALL::contains);
    }

    private HistoricProcessInstanceQuery requests() {
        return history.createHistoricProcessInstanceQuery().processDefinitionKeyIn(PROCESSES.toArray(String[]::new))
                .orderByProcessInstanceStartTime().desc();
    }

    private Set<String> approvedBy(Caller viewer) {
        Set<String> ids = new HashSet<>(decidedBy(viewer.userId()));
        tasks.createTaskQuery().or().taskAssignee(viewer.userId()).taskCandidateUser(viewer.userId()).endOr().list().stream()
                .map(Task::getProcessInstanceId).forEach(ids::add);
        ids.remove(null);
        return ids;
    }

    private Set<String> decidedBy(String userId) {
        try (Connection connection = dataSource.getConnection()) {
            return ApprovalRecord.decidedBy(connection, userId);
        } catch (SQLException e) {
            throw new IllegalStateException("no connection for the approval record", e);
        }
    }

    private static java.util.function.Predicate<HistoricProcessInstance> distinctBy(Set<String> seen) {
        return request -> seen.add(request.getId());
    }
}
