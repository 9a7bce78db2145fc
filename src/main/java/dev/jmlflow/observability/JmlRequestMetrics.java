package dev.jmlflow.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Counts JML requests (root process instances) as {@code jmlflow.requests.started{process}} and
 * {@code jmlflow.requests.ended{process,outcome}}. The outcome comes from the end event's id, which the processes
 * name by convention (see {@link #OUTCOME_BY_SUFFIX}): {@code EndEvent_*RolledBack} = rolled_back,
 * {@code *Failed} or {@code *Aborted} = failed, {@code *Rejected} or {@code *Blocked} = rejected, {@code *Cancelled}
 * = cancelled, any other end event = completed; an instance deleted in Cockpit or by the API = cancelled. Counted only when the engine's transaction commits, so a start that is rolled back and
 * retried is counted once.
 */
public final class JmlRequestMetrics extends AbstractProcessEnginePlugin implements HistoryEventHandler {

    static final String STARTED = "jmlflow.requests.started";
    static final String ENDED = "jmlflow.requests.ended";

    /** End event id suffix (lower case) to outcome tag; an end event matching none counts as completed. */
    static final Map<String, String> OUTCOME_BY_SUFFIX = Map.of(
            "rolledback", "rolled_back",
            "failed", "failed",
            "aborted", "failed",
            "rejected", "rejected",
            "blocked", "rejected",
            "cancelled", "cancelled");

    private final MeterRegistry registry;

    public JmlRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        handlers.add(this);
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    @Override
    public void handleEvent(HistoryEvent event) {
        if (!(event instanceof HistoricProcessInstanceEventEntity instance) || instance.getSuperProcessInstanceId() != null) {
            return;
        }
        String process = String.valueOf(instance.getProcessDefinitionKey());
        if (instance.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)) {
            afterCommit(Counter.builder(STARTED).description("JML requests started").tag("process", process).register(registry));
        } else if (instance.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)) {
            afterCommit(Counter.builder(ENDED).description("JML requests ended, by outcome")
                    .tags("process", process, "outcome", outcome(instance)).register(registry));
        }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }

    static String outcome(HistoricProcessInstanceEventEntity instance) {
        String end = instance.getEndActivityId();
        if (end == null || HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED.equals(instance.getState())) {
            return "cancelled";
        }
        String id = end.toLowerCase(Locale.ROOT);
        return OUTCOME_BY_SUFFIX.entrySet().stream().filter(e -> id.endsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("completed");
    }

    private static void afterCommit(Counter counter) {
        var commandContext = Context.getCommandContext();
        if (commandContext == null) {
            counter.increment();
        } else {
            commandContext.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, context -> counter.increment());
        }
    }
}
