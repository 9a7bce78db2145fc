package dev.jmlflow.process;

import dev.jmlflow.engine.EmployeeLock;
import dev.jmlflow.engine.Engine;
import dev.jmlflow.engine.FormCheck;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The one answer to "which requests are running for this employee". Every joiner, mover and leaver carries the
 * employee id as its business key (their start listeners set it). Asked on the system's behalf: start checks ask
 * for HR users who may not read other people's requests.
 */
@Component
public class RunningRequests {

    public static final String JOINER = "joiner";
    public static final String MOVER = "mover";
    public static final String LEAVER = "leaver";
    /** The message a leaver waits for until the end of the last day; its subscription marks that wait. */
    public static final String LEAVER_CANCELLED = "LeaverCancelled";
    private static final String LAST_DAY = "lastDay";

    /**
     * A running leaver, whether it still waits for the end of the last day (its access removal not begun), and that
     * last day as the leaver holds it (null when it has none).
     */
    public record RunningLeaver(String processInstanceId, boolean waitingForLastDay, String lastDay) {

        /**
         * Why no new request may grant {@code employeeId} access while this leaver runs, in what HR can act on: the
         * employee, the last day and what to do (no instance ids, which HR never sees in Tasklist's forms).
         */
        public String refusal(String employeeId) {
            String leaver = "a leaver" + (lastDay == null ? "" : " with last day " + lastDay);
            return waitingForLastDay
                    ? employeeId + " has " + leaver + " scheduled; cancel that leaver first"
                    : employeeId + " is leaving: " + leaver + " is removing their access; start the new request once"
                            + " that leaver has finished";
        }
    }

    private final RuntimeService runtime;

    public RunningRequests(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /**
     * The running requests of the given kinds for {@code employeeId}. Inside an engine command the employee's
     * {@link EmployeeLock} is taken first, so a request being started for them at the same moment is either
     * committed and seen here, or waits until this command is done.
     */
    public List<ProcessInstance> of(String employeeId, String... processKeys) {
        EmployeeLock.holdFor(employeeId);
        return Engine.withoutAuthorization(() -> runtime.createProcessInstanceQuery().processDefinitionKeyIn(processKeys)
                .processInstanceBusinessKey(employeeId).list());
    }

    /** Whether a request of {@code processKey} other than the one {@code execution} belongs to runs for the employee. */
    public boolean another(DelegateExecution execution, String processKey, String employeeId) {
        return of(employeeId, processKey).stream()
                .anyMatch(other -> !other.getId().equals(execution.getProcessInstanceId()));
    }

    /** Refuses a second running request of the same kind for the same employee. */
    public void refuseSecond(FormCheck check, DelegateExecution execution, String field, String processKey,
            String employeeId) {
        if (employeeId != null && another(execution, processKey, employeeId)) {
            check.problem(field, "a " + processKey + " request for " + employeeId + " is already running");
        }
    }

    /** The running leaver of {@code employeeId}, one that no longer waits first. */
    public Optional<RunningLeaver> leaver(String employeeId) {
        return of(employeeId, LEAVER).stream()
                .map(leaver -> new RunningLeaver(leaver.getId(), waitsForLastDay(leaver.getId()),
                        lastDay(leaver.getId())))
                .min(Comparator.comparing(RunningLeaver::waitingForLastDay));
    }

    /** Waiting at the event-based gateway before the cut-off (suspended or not): only there may it be cancelled. */
    public boolean waitsForLastDay(String processInstanceId) {
        return Engine.withoutAuthorization(() -> runtime.createEventSubscriptionQuery()
                .processInstanceId(processInstanceId).eventType("message").eventName(LEAVER_CANCELLED).count()) > 0;
    }

    private String lastDay(String processInstanceId) {
        Object lastDay = Engine.withoutAuthorization(() -> runtime.getVariable(processInstanceId, LAST_DAY));
        return lastDay == null ? null : lastDay.toString();
    }
}
