package dev.jmlflow.leaver;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jmlflow.approval.ApprovalRefusedException;
import dev.jmlflow.approval.FourEyes;
import dev.jmlflow.process.Engine;
import dev.jmlflow.process.RequestVariables;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Cancels or re-dates a leaver that still waits for the end of the last day, on behalf of a person the caller has
 * already authenticated and authorized. The messages are correlated as trusted code (no engine authentication), to
 * exactly the waiting instance, and name the person in a process variable ({@code cancelledBy},
 * {@code lastDayChangedBy}) whose every update full history keeps. The new last day is checked by the process itself
 * ({@link LastDayChangeValidation}), so a refusal changes nothing.
 */
@Component
public class ScheduledLeavers {

    static final String PROCESS_KEY = "leaver";
    static final String CANCELLED = "LeaverCancelled";
    static final String DATE_CHANGED = "LeaverDateChanged";
    static final String LAST_DAY = "lastDay";

    /** What became of a change. */
    public enum Outcome {
        /** The message reached the waiting leaver. */
        DONE,
        /** No leaver is running for the employee. */
        NO_LEAVER,
        /** A leaver runs but no longer waits for its last day (deprovisioning started) or ops suspended it. */
        NOT_WAITING
    }

    /** The outcome and, when a leaver was found, its process instance id. */
    public record Result(Outcome outcome, String processInstanceId) {
    }

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
    private final IdentityService identity;

    public ScheduledLeavers(RuntimeService runtime, IdentityService identity) {
        this.runtime = runtime;
        this.identity = identity;
    }

    /** Ends the waiting leaver of {@code employeeId} at "Leaver cancelled"; nothing is deprovisioned. */
    public Result cancel(String employeeId, String reason, String userId) {
        if (reason != null && reason.length() > LeaverRequestValidation.MAX_REASON) {
            throw new NotValidException("The leaver was not cancelled. reason: must not be longer than "
                    + LeaverRequestValidation.MAX_REASON + " characters");
        }
        Map<String, Object> variables = reason == null || reason.isBlank()
                ? Map.of("cancelledBy", userId)
                : Map.of("cancelledBy", userId, "cancellationReason", reason.strip());
        return correlate(employeeId, CANCELLED, variables);
    }

    /**
     * Moves the cut-off of the waiting leaver of {@code employeeId} to the end of {@code lastDay}; throws
     * {@link NotValidException} (and changes nothing) when that is not a date or in the past.
     */
    public Result changeLastDay(String employeeId, String lastDay, String userId) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(LAST_DAY, lastDay); // null too: the process refuses it with "is required"
        variables.put("lastDayChangedBy", userId);
        return correlate(employeeId, DATE_CHANGED, variables);
    }

    /**
     * The running leaver of {@code employeeId}, one that no longer waits first. Looked up on the system's behalf:
     * start validations ask it for HR users who may not read leaver instances.
     */
    public Optional<RunningLeaver> running(String employeeId) {
        return Engine.withoutAuthorization(() -> runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(employeeId).list().stream()
                .map(leaver -> new RunningLeaver(leaver.getId(), atLastDayEvents(leaver.getId()),
                        lastDay(leaver.getId())))
                .min(Comparator.comparing(RunningLeaver::waitingForLastDay)));
    }

    private Result correlate(String employeeId, String message, Map<String, Object> variables) {
        List<ProcessInstance> running = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(employeeId).list();
        if (running.isEmpty()) {
            return new Result(Outcome.NO_LEAVER, null);
        }
        Optional<ProcessInstance> waiting = running.stream().filter(this::waitsForLastDay).findFirst();
        if (waiting.isEmpty()) {
            return new Result(Outcome.NOT_WAITING, running.get(0).getId());
        }
        String id = waiting.get().getId();
        refuseRequesterOrSubject(id, employeeId, variables);
        try {
            runtime.createMessageCorrelation(message).processInstanceId(id).setVariables(variables).correlateWithResult();
            return new Result(Outcome.DONE, id);
        } catch (MismatchingMessageCorrelationException | OptimisticLockingException e) {
            // the timer fired (or ops acted) between the look-up and the correlation
            return new Result(Outcome.NOT_WAITING, id);
        }
    }

    /** A change to a leaver needs a second person: neither the one who asked for it nor the one who leaves. */
    private void refuseRequesterOrSubject(String processInstanceId, String employeeId, Map<String, Object> change) {
        String userId = (String) change.getOrDefault("cancelledBy", change.get("lastDayChangedBy"));
        Map<String, Object> leaver = runtime.getVariables(processInstanceId,
                List.of(RequestVariables.REQUESTER, RequestVariables.EMAIL));
        User user = identity.createUserQuery().userId(userId).singleResult();
        new FourEyes((String) leaver.get(RequestVariables.REQUESTER), employeeId, (String) leaver.get(RequestVariables.EMAIL))
                .conflict(userId, user == null ? null : user.getEmail())
                .ifPresent(reason -> {
                    throw new ApprovalRefusedException("Four-eyes rule: " + reason + " and may not cancel or re-date"
                            + " the leaver of " + employeeId + "; ask another member of HR");
                });
    }

    private String lastDay(String processInstanceId) {
        Object lastDay = runtime.getVariable(processInstanceId, LAST_DAY);
        return lastDay == null ? null : lastDay.toString();
    }

    private boolean waitsForLastDay(ProcessInstance instance) {
        return !instance.isSuspended() && atLastDayEvents(instance.getId());
    }

    /** Waiting at the event-based gateway before the cut-off (suspended or not): only there may it be cancelled. */
    private boolean atLastDayEvents(String processInstanceId) {
        return runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId).eventType("message")
                .eventName(CANCELLED).count() > 0;
    }
}
