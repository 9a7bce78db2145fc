package dev.jmlflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Association;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The coverage gate of the joiner and mover process tests: after camunda-process-test-coverage has written its
 * report for the class, every flow node and sequence flow of the class's processes must have been passed.
 * <p>
 * One correction: the library sees a compensation boundary event only when compensation is thrown in that event's
 * own scope. The joiner and mover throw it one level up (all apps are rolled back together), so there a
 * compensation boundary counts as passed when the handler it is associated with ran. Register this extension
 * <em>before</em> the coverage extension, so that it runs after the report is written.
 */
public final class FullProcessCoverage implements AfterAllCallback {

    /**
     * The process tests' engine. Not named {@code camunda.cfg.xml}: Camunda's REST API initialises every engine that
     * file declares on its first request, so the Spring Boot tests would build a second engine in their JVM.
     */
    public static final String ENGINE_CONFIGURATION = "process-test-engine.cfg.xml";

    private final Path reportDirectory;

    private FullProcessCoverage(Path reportDirectory) {
        this.reportDirectory = reportDirectory;
    }

    /** The gate of a test class; it reads the report that {@link #engine} writes for the same class. */
    public static FullProcessCoverage gate(Class<?> testClass) {
        return new FullProcessCoverage(reportDirectoryOf(testClass));
    }

    /**
     * The lightweight engine of a test class, with the coverage extension writing its report for the gate. The
     * processes of {@code standInKeys} (test stand-ins of other processes) are left out of the report and the gate.
     */
    public static ProcessEngineCoverageExtension engine(Class<?> testClass, String... standInKeys) {
        return ProcessEngineCoverageExtension.builder().configurationResource(ENGINE_CONFIGURATION).reportDirectory(reportDirectoryOf(testClass).toString())
                .excludeProcessDefinitionKeys(standInKeys).build();
    }

    /** {@code process-test-coverage} next to the test classes, i.e. inside this build's output folder. */
    private static Path reportDirectoryOf(Class<?> testClass) {
        try {
            return Path.of(testClass.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent()
                    .resolve("process-test-coverage");
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Path report = reportDirectory.resolve(context.getRequiredTestClass().getName()).resolve("report.json");
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        Set<String> passed = new HashSet<>();
        json.path("suites").forEach(suite -> suite.path("runs").forEach(run -> run.path("events").forEach(event ->
                passed.add(event.path("modelKey").asText() + ":" + event.path("definitionKey").asText()))));
        List<String> missing = new ArrayList<>();
        for (JsonNode model : json.path("models")) {
            String key = model.path("key").asText();
            BpmnModelInstance bpmn = Bpmn.readModelFromStream(
                    new ByteArrayInputStream(model.path("xml").asText().getBytes(StandardCharsets.UTF_8)));
            for (FlowNode node : bpmn.getModelElementsByType(FlowNode.class)) {
                if (!passed.contains(key + ":" + node.getId()) && !compensationWithRunHandler(bpmn, node, key, passed)) {
                    missing.add(key + ": " + node.getId());
                }
            }
            for (SequenceFlow flow : bpmn.getModelElementsByType(SequenceFlow.class)) {
                if (!passed.contains(key + ":" + flow.getId())) {
                    missing.add(key + ": " + flow.getId());
                }
            }
        }
        assertThat(missing).as("flow nodes and sequence flows no test passed").isEmpty();
    }

    private static boolean compensationWithRunHandler(BpmnModelInstance bpmn, FlowNode node, String key, Set<String> passed) {
        if (!(node instanceof BoundaryEvent boundary) || boundary.getEventDefinitions().stream()
                .noneMatch(CompensateEventDefinition.class::isInstance)) {
            return false;
        }
        return bpmn.getModelElementsByType(Association.class).stream()
                .filter(a -> a.getSource().getId().equals(boundary.getId()))
                .anyMatch(a -> passed.contains(key + ":" + a.getTarget().getId()));
    }
}
