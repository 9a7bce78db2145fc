package dev.jmlflow.engine;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/** Test models name a retry profile as the BPMN files do; the fluent builder has no step for it. */
public final class RetryProfileModels {

    private RetryProfileModels() {
    }

    public static BpmnModelInstance withRetryProfile(BpmnModelInstance model, String activityId, String profile) {
        FlowNode node = model.getModelElementById(activityId);
        ExtensionElements extensions = node.getExtensionElements();
        if (extensions == null) {
            extensions = model.newInstance(ExtensionElements.class);
            node.setExtensionElements(extensions);
        }
        CamundaProperty property = model.newInstance(CamundaProperty.class);
        property.setCamundaName(RetryProfileParseListener.PROPERTY);
        property.setCamundaValue(profile);
        CamundaProperties properties = model.newInstance(CamundaProperties.class);
        properties.addChildElement(property);
        extensions.addChildElement(properties);
        return model;
    }
}
