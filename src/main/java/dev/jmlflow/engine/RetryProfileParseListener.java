package dev.jmlflow.engine;

import java.util.Optional;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.behavior.MultiInstanceActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.core.model.PropertyKey;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Gives every asynchronous activity the retry cycle of the profile it names once,
 * {@code <camunda:property name="retryProfile" value="scim-write"/>}. A multi-instance activity's profile also
 * covers its per-instance jobs (async on the loop characteristics). An async activity without a profile, or
 * with an unknown one, fails the deployment: a save point always says how it is retried.
 */
final class RetryProfileParseListener extends AbstractBpmnParseListener {

    static final String PROPERTY = "retryProfile";
    private static final PropertyKey<FailedJobRetryConfiguration> PROFILE_CYCLE = new PropertyKey<>("jmlflowRetryProfileCycle");

    private final RetryProperties properties;

    RetryProfileParseListener(RetryProperties properties) {
        this.properties = properties;
    }

    @Override
    public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
    }

    @Override
    public void parseSendTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
    }

    @Override
    public void parseScriptTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
    }

    @Override
    public void parseBusinessRuleTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
    }

    @Override
    public void parseTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
    }

    @Override
    public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
    }

    @Override
    public void parseReceiveTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
    }

    @Override
    public void parseCallActivity(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
    }

    @Override
    public void parseSubProcess(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
    }

    @Override
    public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
    }

    @Override
    public void parseIntermediateThrowEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
    }

    @Override
    public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
    }

    @Override
    public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
    }

    @Override
    public void parseExclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
    }

    @Override
    public void parseParallelGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
    }

    @Override
    public void parseInclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
    }

    private void apply(Element element, ActivityImpl activity) {
        ActivityImpl parent = activity.getParentFlowScopeActivity();
        ActivityImpl multiInstanceBody = parent != null && parent.getActivityBehavior() instanceof MultiInstanceActivityBehavior
                ? parent : null;
        var asyncJobs = Stream.of(activity, multiInstanceBody)
                .filter(a -> a != null && (a.isAsyncBefore() || a.isAsyncAfter())).toList();
        if (asyncJobs.isEmpty()) {
            return;
        }
        String profile = profileOf(element).orElseThrow(() -> new ProcessEngineException("Activity " + activity.getId()
                + " is asynchronous but names no retry profile: add <camunda:property name=\"" + PROPERTY
                + "\" value=\"scim-write\"/> (profiles: jmlflow.retries.profiles)"));
        FailedJobRetryConfiguration cycle;
        try {
            cycle = properties.retryConfiguration(profile);
        } catch (IllegalArgumentException e) {
            throw new ProcessEngineException("Activity " + activity.getId() + ": " + e.getMessage(), e);
        }
        asyncJobs.forEach(job -> job.getProperties().set(PROFILE_CYCLE, cycle));
    }

    /**
     * Called once the whole process is parsed: the engine's own retry-cycle listener runs after ours for each
     * activity and would put the engine default back, so the profile's cycle is set last, here.
     */
    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        setCycles(processDefinition);
    }

    private static void setCycles(ScopeImpl scope) {
        for (ActivityImpl activity : scope.getActivities()) {
            if (activity.getProperties().contains(PROFILE_CYCLE)) {
                activity.getProperties().set(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION,
                        activity.getProperties().get(PROFILE_CYCLE));
            }
            setCycles(activity);
        }
    }

    private static Optional<String> profileOf(Element element) {
        return Optional.ofNullable(element.element("extensionElements"))
                .map(extensions -> extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties"))
                .stream()
                .flatMap(properties -> properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property").stream())
                .filter(property -> PROPERTY.equals(property.attribute("name")))
                .map(property -> property.attribute("value"))
                .findFirst();
    }
}
