package dev.jmlflow.processmodel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;

/**
 * The rules for one BPMN model. Each returns its violations as "element id: what is wrong", empty when the model
 * complies, so the same rules run over the files in {@code processes/} and over hand-made counter-examples.
 */
final class ProcessModelRules {

    private ProcessModelRules() {
    }

    /** Every service or send task whose implementation reaches SCIM or mail is asyncBefore with a retry profile. */
    static List<String> remoteTasksAreAsyncWithRetryProfile(BpmnModelInstance model, RemoteCallingBeans beans) {
        List<String> violations = new ArrayList<>();
        Stream.concat(
                model.getModelElementsByType(ServiceTask.class).stream()
                        .filter(t -> beans.callsOut(t.getCamundaDelegateExpression(), t.getCamundaExpression(), t.getCamundaClass(), t.getCamundaType())),
                model.getModelElementsByType(SendTask.class).stream()
                        .filter(t -> beans.callsOut(t.getCamundaDelegateExpression(), t.getCamundaExpression(), t.getCamundaClass(), t.getCamundaType())))
                .forEach(task -> {
                    if (!isAsyncBefore(task)) {
                        violations.add(task.getId() + ": calls SCIM or mail but is not asyncBefore");
                    }
                    if (!hasRetryProfile(task)) {
                        violations.add(task.getId() + ": calls SCIM or mail but has no retryProfile");
                    }
                });
        return violations;
    }

    /**
     * Where the instances of a parallel multi-instance run their jobs not exclusively, every end of an instance is a
     * save point of its own (asyncBefore, exclusive): two instances completing at once conflict on the multi-instance,
     * and the job that loses is run again. Without that save point the loser would be the instance's last SCIM job,
     * and its calls would be sent again.
     */
    static List<String> parallelInstancesJoinInTheirOwnJob(BpmnModelInstance model) {
        List<String> violations = new ArrayList<>();
        for (SubProcess instance : model.getModelElementsByType(SubProcess.class)) {
            boolean parallel = instance.getChildElementsByType(MultiInstanceLoopCharacteristics.class).stream()
                    .anyMatch(loop -> !loop.isSequential());
            if (!parallel || !runsNonExclusiveJobs(instance)) {
                continue;
            }
            instance.getChildElementsByType(EndEvent.class).forEach(end -> {
                if (!end.isCamundaAsyncBefore() || !end.isCamundaExclusive()) {
                    violations.add(end.getId() + ": ends an instance of " + instance.getId()
                            + ", whose jobs are not exclusive, but is not an exclusive asyncBefore save point");
                }
            });
        }
        return violations;
    }

    /** An error boundary catches one named error with a code, never every BpmnError of its task. */
    static List<String> errorBoundariesCatchNamedErrors(BpmnModelInstance model) {
        return model.getModelElementsByType(ErrorEventDefinition.class).stream()
                .filter(definition -> definition.getParentElement() instanceof BoundaryEvent)
                .filter(definition -> definition.getError() == null || definition.getError().getErrorCode() == null)
                .map(definition -> ((BoundaryEvent) definition.getParentElement()).getId() + ": catches every error, not a named one")
                .toList();
    }

    /** Event ids say what kind of event they are, with one prefix per kind (the style guide's, as in the joiner). */
    static List<String> eventIdsHaveTheirKindsPrefix(BpmnModelInstance model) {
        Map<Class<? extends Event>, String> prefixes = Map.of(StartEvent.class, "StartEvent_", EndEvent.class, "EndEvent_",
                BoundaryEvent.class, "BoundaryEvent_", IntermediateCatchEvent.class, "IntermediateEvent_",
                IntermediateThrowEvent.class, "IntermediateThrowEvent_");
        List<String> violations = new ArrayList<>();
        prefixes.forEach((kind, prefix) -> model.getModelElementsByType(kind).stream()
                .filter(event -> !event.getId().startsWith(prefix))
                .forEach(event -> violations.add(event.getId() + ": a " + kind.getSimpleName() + " id starts with " + prefix)));
        return violations;
    }

    static List<String> executableProcessesHaveHistoryTimeToLive(BpmnModelInstance model) {
        return model.getModelElementsByType(Process.class).stream()
                .filter(Process::isExecutable)
                .filter(p -> p.getCamundaHistoryTimeToLiveString() == null || p.getCamundaHistoryTimeToLiveString().isBlank())
                .map(p -> p.getId() + ": executable without camunda:historyTimeToLive")
                .toList();
    }

    /** A leaver only moves forward: no compensation boundary, handler or throw anywhere in it. */
    static List<String> noCompensation(BpmnModelInstance model) {
        List<String> violations = new ArrayList<>();
        model.getModelElementsByType(BoundaryEvent.class).stream()
                .filter(b -> !b.getChildElementsByType(CompensateEventDefinition.class).isEmpty())
                .forEach(b -> violations.add(b.getId() + ": compensation boundary on " + b.getAttachedTo().getId()));
        model.getModelElementsByType(Activity.class).stream()
                .filter(Activity::isForCompensation)
                .forEach(a -> violations.add(a.getId() + ": compensation handler"));
        model.getModelElementsByType(CompensateEventDefinition.class).stream()
                .map(c -> (BaseElement) c.getParentElement())
                .filter(event -> !(event instanceof BoundaryEvent))
                .forEach(event -> violations.add(event.getId() + ": compensation event"));
        return violations;
    }

    /** User tasks (and start events that have one) name a form by id, bound to the same deployment. */
    static List<String> formsAreDeployedCamundaForms(BpmnModelInstance model, Set<String> formIds) {
        List<String> violations = new ArrayList<>();
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            checkFormRef(task, task.getCamundaFormRef(), task.getCamundaFormRefBinding(), formIds, true, violations);
        }
        for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
            checkFormRef(start, start.getCamundaFormRef(), start.getCamundaFormRefBinding(), formIds, false, violations);
        }
        return violations;
    }

    /** Every flow node has a shape and every sequence flow an edge, so Cockpit and Tasklist can draw the process. */
    static List<String> everythingIsDrawn(BpmnModelInstance model) {
        Set<String> drawn = new java.util.HashSet<>();
        model.getModelElementsByType(BpmnShape.class).forEach(s -> drawn.add(s.getBpmnElement().getId()));
        model.getModelElementsByType(BpmnEdge.class).forEach(e -> drawn.add(e.getBpmnElement().getId()));
        List<FlowElement> elements = new ArrayList<>(model.getModelElementsByType(FlowNode.class));
        elements.addAll(model.getModelElementsByType(SequenceFlow.class));
        return elements.stream().filter(e -> !drawn.contains(e.getId())).map(e -> e.getId() + ": not in the diagram").toList();
    }

    private static void checkFormRef(FlowNode node, String formRef, String binding, Set<String> formIds,
                                     boolean required, List<String> violations) {
        if (formRef == null) {
            if (required) {
                violations.add(node.getId() + ": no camunda:formRef");
            }
            return;
        }
        if (!formIds.contains(formRef)) {
            violations.add(node.getId() + ": form '" + formRef + "' is not the id of any file in forms/");
        }
        if (!"deployment".equals(binding)) {
            violations.add(node.getId() + ": form must be bound with camunda:formRefBinding=\"deployment\"");
        }
    }

    private static boolean runsNonExclusiveJobs(SubProcess scope) {
        return scope.getChildElementsByType(FlowNode.class).stream().anyMatch(node ->
                (node.isCamundaAsyncBefore() || node.isCamundaAsyncAfter()) && !node.isCamundaExclusive()
                        || node instanceof SubProcess nested && runsNonExclusiveJobs(nested));
    }

    /** asyncBefore on the task itself, or, for a multi-instance, on each instance (the loop characteristics). */
    private static boolean isAsyncBefore(Activity activity) {
        if (activity instanceof ServiceTask task && task.isCamundaAsyncBefore()
                || activity instanceof SendTask send && send.isCamundaAsyncBefore()) {
            return true;
        }
        Collection<MultiInstanceLoopCharacteristics> loops = activity.getChildElementsByType(MultiInstanceLoopCharacteristics.class);
        return loops.stream().anyMatch(MultiInstanceLoopCharacteristics::isCamundaAsyncBefore);
    }

    private static boolean hasRetryProfile(Activity activity) {
        return activity.getExtensionElements() != null && activity.getExtensionElements().getElementsQuery()
                .filterByType(CamundaProperties.class).list().stream()
                .flatMap(properties -> properties.getCamundaProperties().stream())
                .anyMatch(property -> "retryProfile".equals(property.getCamundaName())
                        && property.getCamundaValue() != null && !property.getCamundaValue().isBlank());
    }
}
