package dev.jmlflow.approval;

import static org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Puts the request guards on every process the engine deploys, so no process or task can forget them: the
 * {@link StartFormGuard} on the process start, and on every user task the {@link CompletionGuard} followed by the
 * {@link FourEyesGuard}, as built-in listeners that run before any listener the BPMN declares.
 * <p>
 * {@code camunda:initiator} is ignored: the engine sets it before it applies the caller's start variables, so a
 * caller could overwrite it. Forms must be Camunda Forms ({@code camunda:formRef}), because only their fields are
 * known; a {@code camunda:formKey} fails the deployment.
 */
final class RequestGuards extends AbstractBpmnParseListener {

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        processDefinition.setProperty(BpmnParse.PROPERTYNAME_INITIATOR_VARIABLE_NAME, null);
        boolean startForm = processElement.elements("startEvent").stream()
                .filter(start -> start.elements().stream().noneMatch(child -> child.getTagName().endsWith("EventDefinition")))
                .anyMatch(RequestGuards::hasForm);
        processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, new StartFormGuard(startForm));
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        boolean form = hasForm(userTaskElement);
        TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        CompletionGuard completion = new CompletionGuard(form);
        FourEyesGuard fourEyes = new FourEyesGuard(form);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, completion);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_UPDATE, completion);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, fourEyes);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_UPDATE, fourEyes);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, fourEyes);
    }

    private static boolean hasForm(Element element) {
        if (element.attributeNS(CAMUNDA_BPMN_EXTENSIONS_NS, "formKey") != null) {
            throw new ProcessEngineException(element.attribute("id") + ": camunda:formKey is not supported; refer to a"
                    + " Camunda Form with camunda:formRef, so that what a caller may set is known");
        }
        return element.attributeNS(CAMUNDA_BPMN_EXTENSIONS_NS, "formRef") != null;
    }
}
