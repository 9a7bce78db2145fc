package dev.jmlflow.processmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.xml.ModelParseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@link ProcessModelRules} over every file in {@code processes/}, as a process designer edits them (BPMN Model
 * API, no engine). A failure names the file and the element ids.
 */
class ProcessModelLintTest {

    private static final Path PROCESSES = Path.of("processes");
    private static final Path FORMS = Path.of("forms");

    private static final Map<Path, BpmnModelInstance> models = new LinkedHashMap<>();
    private static final Map<Path, String> unreadable = new LinkedHashMap<>();

    @BeforeAll
    static void readModels() throws IOException {
        try (Stream<Path> files = Files.list(PROCESSES)) {
            files.filter(f -> f.toString().endsWith(".bpmn")).sorted().forEach(file -> {
                try {
                    models.put(file, Bpmn.readModelFromFile(file.toFile()));
                } catch (ModelParseException e) {
                    unreadable.put(file, String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
                }
            });
        }
    }

    @Test
    void everyProcessFileIsSchemaValidBpmn() {
        assertThat(unreadable).isEmpty();
        assertThat(models.keySet()).extracting(f -> f.getFileName().toString()).contains("leaver.bpmn");
    }

    @Test
    void everyTaskThatCallsScimOrSendsMailIsAsyncWithARetryProfile() {
        RemoteCallingBeans beans = RemoteCallingBeans.scan("dev.jmlflow");
        assertThat(violations(model -> ProcessModelRules.remoteTasksAreAsyncWithRetryProfile(model, beans))).isEmpty();
    }

    @Test
    void everyInstanceOfAParallelAppLoopWithNonExclusiveJobsEndsInItsOwnJob() {
        assertThat(violations(ProcessModelRules::parallelInstancesJoinInTheirOwnJob)).isEmpty();
    }

    @Test
    void everyErrorBoundaryCatchesANamedError() {
        assertThat(violations(ProcessModelRules::errorBoundariesCatchNamedErrors)).isEmpty();
    }

    @Test
    void everyEventIdHasItsKindsPrefix() {
        assertThat(violations(ProcessModelRules::eventIdsHaveTheirKindsPrefix)).isEmpty();
    }

    @Test
    void everyExecutableProcessHasAHistoryTimeToLive() {
        assertThat(violations(ProcessModelRules::executableProcessesHaveHistoryTimeToLive)).isEmpty();
    }

    @Test
    void theLeaverHasNoCompensationSoNoDeactivationCanBeUndone() {
        BpmnModelInstance leaver = models.get(PROCESSES.resolve("leaver.bpmn"));
        assertThat((Object) leaver.getModelElementById("Task_DeactivateAccount")).isNotNull();
        assertThat(ProcessModelRules.noCompensation(leaver)).as("a leaver only moves forward").isEmpty();
    }

    @Test
    void everyUserTaskAndStartFormRefersToADeployedFormById() {
        Set<String> formIds = formIds();
        assertThat(violations(model -> ProcessModelRules.formsAreDeployedCamundaForms(model, formIds))).isEmpty();
    }

    @Test
    void everyElementIsInTheDiagramSoCockpitCanDrawIt() {
        assertThat(violations(ProcessModelRules::everythingIsDrawn)).isEmpty();
    }

    private static List<String> violations(Function<BpmnModelInstance, List<String>> rule) {
        return models.entrySet().stream()
                .flatMap(entry -> rule.apply(entry.getValue()).stream().map(v -> entry.getKey().getFileName() + ": " + v))
                .toList();
    }

    /** The {@code id} of every Camunda Form in {@code forms/}; all of them are deployed with the processes. */
    static Set<String> formIds() {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(FORMS)) {
            return files.filter(f -> f.toString().endsWith(".form")).map(f -> {
                try {
                    return json.readTree(f.toFile()).path("id").asText("");
                } catch (IOException e) {
                    throw new UncheckedIOException("unreadable form " + f, e);
                }
            }).filter(id -> !id.isBlank()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
