package dev.jmlflow.leaver;

import static dev.jmlflow.process.RequestVariables.text;

import dev.jmlflow.engine.Schedule;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The leaver's own variables; the employee id and the app of a multi-instance are the shared ones of
 * {@link dev.jmlflow.process.RequestVariables}.
 */
final class LeaverVariables {

    static final String LAST_DAY = "lastDay";
    static final String IMMEDIATE = "immediate";
    static final String REASON = "reason";
    static final String LINKED_TARGETS = "linkedTargets";
    static final String ACCOUNTS_TO_DELETE = "accountsToDelete";
    static final String SUPERSEDED_REQUESTS = "supersededRequests";
    static final String PROBLEM = "problem";
    static final String RESOLUTION = "resolution";
    static final String WAIVER_REASON = "waiverReason";

    private LeaverVariables() {
    }

    /** The last day as the form gave it (checked at the start and on every re-date). */
    static String lastDayText(VariableScope scope) {
        return text(scope, LAST_DAY);
    }

    static LocalDate lastDay(VariableScope scope) {
        return Schedule.parse(lastDayText(scope));
    }

    /** The raw flag; the start check refuses anything but a boolean. */
    static Object immediate(VariableScope scope) {
        return scope.getVariable(IMMEDIATE);
    }

    /** The targets this leaver deprovisions, as {@link LeaverAccounts#list} reads them. */
    static String linkedTargets(VariableScope scope) {
        return text(scope, LINKED_TARGETS);
    }

    /** The joiners and movers this leaver stopped, or null. */
    static String supersededRequests(VariableScope scope) {
        return text(scope, SUPERSEDED_REQUESTS);
    }

    /** Why an app's account is blocked, or null. */
    static String problem(VariableScope scope) {
        return text(scope, PROBLEM);
    }

    /** What ops chose on "Resolve blocked account", or null. */
    static String resolution(VariableScope scope) {
        return text(scope, RESOLUTION);
    }

    /** The raw waiver reason; the resolution guard refuses anything but text. */
    static Object waiverReason(VariableScope scope) {
        return scope.getVariable(WAIVER_REASON);
    }
}
