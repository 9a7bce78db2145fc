package dev.jmlflow.process;

import dev.jmlflow.engine.Engine;
import dev.jmlflow.access.AccessRules;
import dev.jmlflow.access.SodRule;
import dev.jmlflow.access.TargetGroup;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The access rules as the business keeps them: the latest deployed versions of {@code birthright-access},
 * {@code privileged-groups} and {@code separation-of-duties} in {@code processes/*.dmn}.
 */
@Component
public class DmnAccessRules implements AccessRules {

    static final String BIRTHRIGHT = "birthright-access";
    static final String PRIVILEGED = "privileged-groups";
    static final String SEPARATION_OF_DUTIES = "separation-of-duties";

    private final DecisionService decisions;

    public DmnAccessRules(DecisionService decisions) {
        this.decisions = decisions;
    }

    @Override
    public List<TargetGroup> birthright(String department, String jobTitle) {
        return evaluate(BIRTHRIGHT, Map.of("department", department, "jobTitle", jobTitle)).getResultList().stream()
                .map(row -> new TargetGroup((String) row.get("target"), (String) row.get("group")))
                .toList();
    }

    @Override
    public boolean isPrivileged(TargetGroup group) {
        return evaluate(PRIVILEGED, inputs(group)).getResultList().stream()
                .anyMatch(row -> Boolean.TRUE.equals(row.get("privileged")));
    }

    @Override
    public List<SodRule> separationOfDuties(TargetGroup group) {
        return evaluate(SEPARATION_OF_DUTIES, inputs(group)).getResultList().stream()
                .map(row -> new SodRule((String) row.get("conflictSet"), (String) row.get("reason")))
                .toList();
    }

    private static Map<String, Object> inputs(TargetGroup group) {
        return Map.of("target", group.target(), "group", group.group());
    }

    private DmnDecisionResult evaluate(String key, Map<String, Object> inputs) {
        return Engine.withoutAuthorization(() -> decisions.evaluateDecisionByKey(key)
                .variables(Variables.fromMap(inputs)).evaluate());
    }
}
