package dev.jmlflow.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Registers {@link RetryProfileParseListener}, so that retry cycles come from {@code jmlflow.retries.profiles}
 * instead of one {@code camunda:failedJobRetryTimeCycle} per task. Also used by the process-test engine
 * ({@code process-test-engine.cfg.xml}), hence the no-argument constructor with the built-in profiles.
 */
public class RetryProfiles extends AbstractProcessEnginePlugin {

    private final RetryProperties properties;

    public RetryProfiles() {
        this(RetryProperties.defaults());
    }

    public RetryProfiles(RetryProperties properties) {
        this.properties = properties;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new RetryProfileParseListener(properties));
        configuration.setCustomPostBPMNParseListeners(listeners);
    }
}
