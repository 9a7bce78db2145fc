package dev.jmlflow.joiner;

import static dev.jmlflow.process.RequestVariables.text;

import dev.jmlflow.access.RequestedGroups;
import dev.jmlflow.access.TargetGroup;
import dev.jmlflow.engine.Schedule;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The joiner's own variables, checked by its start validation; the employee's are the shared ones of
 * {@link dev.jmlflow.process.RequestVariables}.
 */
final class JoinerVariables {

    static final String START_DATE = "startDate";
    static final String REQUESTED_GROUPS = "requestedGroups";

    private JoinerVariables() {
    }

    static LocalDate startDate(DelegateExecution execution) {
        return Schedule.parse(text(execution, START_DATE));
    }

    /** The groups HR asked for beyond the birthright ones, as the start form lists them. */
    static List<TargetGroup> requestedGroups(DelegateExecution execution) {
        return RequestedGroups.parse(text(execution, REQUESTED_GROUPS));
    }
}
