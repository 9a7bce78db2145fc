package dev.jmlflow.leaver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jmlflow.approval.ApprovalRefusedException;
import dev.jmlflow.approval.FourEyes;
import dev.jmlflow.process.RequestVariables;
import dev.jmlflow.process.RunningRequests;
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
 * ({@link LeaverLastDayChangeValidation}), so a refusal changes nothing.
 */
@Component
public class ScheduledLeavers {

    static final String CANCELLED = RunningRequests.LEAVER_CANCELLED;
    static final String DATE_CHANGED = "LeaverDateChanged";

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

    private final RuntimeService runtime;
    private final IdentityService identity;
    private final RunningRequests requests;

    public ScheduledLeavers(RuntimeService runtime, IdentityService identity, RunningRequests requests) {
        this.runtime = runtime;
        this.identity = identity;
        this.requests = requests;
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
        variables.put(LeaverVariables.LAST_DAY, lastDay); // null too: the process refuses it with "is required"
        variables.put("lastDayChangedBy", userId);
        return correlate(employeeId, DATE_CHANGED, variables);
    }

    private Result correlate(String employeeId, String message, Map<String, Object> variables) {
        List<ProcessInstance> running = requests.of(employeeId, RunningRequests.LEAVER);
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

    private boolean waitsForLastDay(ProcessInstance instance) {
        return !instance.isSuspended() && requests.waitsForLastDay(instance.getId());
    }
}
