package dev.jmlflow.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Request counters from a real engine's history events, by process key and the end event reached. */
class JmlRequestMetricsTest {

    private static final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private static ProcessEngine engine;

    /** Ends where the variable {@code end} says; {@code boom} fails the start transaction. */
    private static final BpmnModelInstance JOINER = Bpmn.createExecutableProcess("joiner")
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("Task_MaybeFail").camundaClass(FailOnBoom.class.getName())
            .exclusiveGateway("Gateway_End")
            .condition("completed", "${end == 'completed'}").endEvent("EndEvent_AccountsProvisioned")
            .moveToLastGateway().condition("rolled back", "${end == 'rolledBack'}").endEvent("EndEvent_RequestRolledBack")
            .moveToLastGateway().condition("failed", "${end == 'failed'}").endEvent("EndEvent_RequestFailed")
            .moveToLastGateway().condition("wait", "${end == 'wait'}").userTask("Task_Wait").endEvent("EndEvent_AfterWait")
            .done();

    public static class FailOnBoom implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            if ("boom".equals(execution.getVariable("end"))) {
                throw new IllegalStateException("boom");
            }
        }
    }

    @BeforeAll
    static void startEngine() {
        var configuration = (StandaloneInMemProcessEngineConfiguration) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                .setProcessEngineName("request-metrics-test")
                .setJdbcUrl("jdbc:h2:mem:request-metrics-test;DB_CLOSE_DELAY=-1")
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setProcessEnginePlugins(List.of(new JmlRequestMetrics(registry)));
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().addModelInstance("joiner.bpmn", JOINER).deploy();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void startedAndCompletedRequestsAreCounted() {
        double started = count(JmlRequestMetrics.STARTED, "process", "joiner");
        double completed = ended("completed");

        start("completed");

        assertThat(count(JmlRequestMetrics.STARTED, "process", "joiner")).isEqualTo(started + 1);
        assertThat(ended("completed")).isEqualTo(completed + 1);
    }

    @Test
    void endEventNamedRolledBackCountsAsRolledBack() {
        double before = ended("rolled_back");

        start("rolledBack");

        assertThat(ended("rolled_back")).isEqualTo(before + 1);
    }

    @Test
    void endEventNamedFailedCountsAsFailed() {
        double before = ended("failed");

        start("failed");

        assertThat(ended("failed")).isEqualTo(before + 1);
    }

    @Test
    void cancelledRequestCountsAsCancelled() {
        double before = ended("cancelled");
        String id = start("wait");

        engine.getRuntimeService().deleteProcessInstance(id, "withdrawn by HR");

        assertThat(ended("cancelled")).isEqualTo(before + 1);
    }

    @Test
    void startThatIsRolledBackIsNotCounted() {
        double started = count(JmlRequestMetrics.STARTED, "process", "joiner");

        assertThatThrownBy(() -> start("boom"));

        assertThat(count(JmlRequestMetrics.STARTED, "process", "joiner")).isEqualTo(started);
    }

    @ParameterizedTest
    @CsvSource({
        "EndEvent_AccessProvisioned, completed",
        "EndEvent_RequestRolledBack, rolled_back",
        "EndEvent_ChangeRolledBack, rolled_back",
        "EndEvent_ConflictAborted, failed",
        "EndEvent_RequestRejected, rejected",
        "EndEvent_ChangeBlocked, rejected",
        "EndEvent_LeaverCancelled, cancelled"
    })
    void outcomeFollowsTheEndEventNamingOfTheProcesses(String endEvent, String outcome) {
        var ended = new HistoricProcessInstanceEventEntity();
        ended.setEndActivityId(endEvent);
        ended.setState(HistoricProcessInstance.STATE_COMPLETED);

        assertThat(JmlRequestMetrics.outcome(ended)).isEqualTo(outcome);
    }

    private static String start(String end) {
        return engine.getRuntimeService().startProcessInstanceByKey("joiner", Map.of("end", end)).getId();
    }

    private static double ended(String outcome) {
        return count(JmlRequestMetrics.ENDED, "process", "joiner", "outcome", outcome);
    }

    private static double count(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
