package dev.jmlflow.masschange;

import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.exception.NotValidException;

/** The variables of a mass-change hold: what the form shows and what the app owner decides. */
final class MassChangeHoldVariables {

    static final String TARGET = "target";
    static final String OWNER_GROUP = "ownerGroup";
    static final String HELD_CHANGES = "heldChanges";
    static final String HELD_COUNT = "heldCount";
    static final String THRESHOLD = "threshold";
    static final String WINDOW = "window";
    static final String DECISION = "decision";
    static final String MORE = "more";
    /** The most one decision may let through; more is a new threshold, not an answer to one hold. */
    static final int MAX_MORE = 10_000;

    private MassChangeHoldVariables() {
    }

    static Map<String, Object> of(MassChangeHolds.Hold hold) {
        return Map.of(TARGET, hold.target(), OWNER_GROUP, hold.ownerGroup(), HELD_CHANGES, hold.list(),
                HELD_COUNT, hold.changes().size(), THRESHOLD, hold.threshold(), WINDOW, hold.window());
    }

    static String target(VariableScope scope) {
        return (String) scope.getVariable(TARGET);
    }

    static boolean allows(VariableScope scope) {
        Object decision = scope.getVariable(DECISION);
        if ("allow".equals(decision)) {
            return true;
        }
        if ("stop".equals(decision)) {
            return false;
        }
        throw new NotValidException(DECISION + ": choose allow or stop");
    }

    /** The "allow N more" number: a whole number from 1 to {@value #MAX_MORE}. */
    static int more(VariableScope scope) {
        Object more = scope.getVariable(MORE);
        if (more instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && n.doubleValue() >= 1 && n.doubleValue() <= MAX_MORE) {
            return n.intValue();
        }
        throw new NotValidException(MORE + ": must be a whole number from 1 to " + MAX_MORE);
    }
}
