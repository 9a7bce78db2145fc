package dev.jmlflow.processmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.xml.ModelParseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules every process in {@code processes/} must follow, checked on the files a process designer edits (BPMN Model
 * API, no engine). A rule that fails names the file and the element ids.
 */
class ProcessModelLintTest {

    private static final Path PROCESSES = Path.of("processes");
    private static final Path FORMS = Path.of("forms");

    private static Map<Path, BpmnModelInstance> models;
    private static Map<Path, String> unreadable;
    private static RemoteCallingBeans remoteBeans;

    @BeforeAll
    static void readModels() throws IOException {
        models = new LinkedHashMap<>();
        unreadable = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(PROCESSES)) {
            files.filter(f -> f.toString().endsWith(".bpmn")).sorted().forEach(file -> {
                try {
                    models.put(file, Bpmn.readModelFromFile(file.toFile()));
                } catch (ModelParseException e) {
                    unreadable.put(file, String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
                }
            });
        }
        remoteBeans = RemoteCallingBeans.scan("dev.jmlflow");
    }

    @Test
    void everyProcessFileIsSchemaValidBpmn() {
        assertThat(unreadable).isEmpty();
    }

    @Test
    void theProcessesFolderHoldsTheLeaver() {
        assertThat(models.keySet()).extracting(Path::getFileName).extracting(Path::toString).contains("leaver.bpmn");
    }

    @Test
    void everyTaskThatCallsScimOrSendsMailIsAsyncWithAnExplicitRetryCycle() {
        List<String> offenders = new ArrayList<>();
        models.forEach((file, model) -> Stream.concat(
                        model.getModelElementsByType(ServiceTask.class).stream().map(t -> new Implementation(t, t.getCamundaDelegateExpression(), t.getCamundaExpression(), t.getCamundaClass(), t.getCamundaType())),
                        model.getModelElementsByType(SendTask.class).stream().map(t -> new Implementation(t, t.getCamundaDelegateExpression(), t.getCamundaExpression(), t.getCamundaClass(), t.getCamundaType())))
                .filter(task -> remoteBeans.callsOut(task.delegateExpression(), task.expression(), task.className(), task.type()))
                .forEach(task -> {
                    if (!isAsyncBefore(task.activity())) {
                        offenders.add(file.getFileName() + ": " + task.activity().getId() + " is not asyncBefore");
                    }
                    if (!hasRetryCycle(task.activity())) {
                        offenders.add(file.getFileName() + ": " + task.activity().getId() + " has no failedJobRetryTimeCycle");
                    }
                }));
        assertThat(offenders).isEmpty();
    }

    @Test
    void everyExecutableProcessHasAHistoryTimeToLive() {
        List<String> offenders = new ArrayList<>();
        models.forEach((file, model) -> model.getModelElementsByType(Process.class).stream()
                .filter(Process::isExecutable)
                .filter(p -> p.getCamundaHistoryTimeToLiveString() == null || p.getCamundaHistoryTimeToLiveString().isBlank())
                .forEach(p -> offenders.add(file.getFileName() + ": " + p.getId())));
        assertThat(offenders).isEmpty();
    }

    @Test
    void noLeaverDeactivationHasACompensationHandler() {
        BpmnModelInstance leaver = models.get(PROCESSES.resolve("leaver.bpmn"));
        List<String> compensation = new ArrayList<>();
        leaver.getModelElementsByType(BoundaryEvent.class).stream()
                .filter(b -> !b.getChildElementsByType(CompensateEventDefinition.class).isEmpty())
                .forEach(b -> compensation.add("compensation boundary " + b.getId() + " on " + b.getAttachedTo().getId()));
        leaver.getModelElementsByType(Activity.class).stream()
                .filter(Activity::isForCompensation)
                .forEach(a -> compensation.add("compensation handler " + a.getId()));
        leaver.getModelElementsByType(CompensateEventDefinition.class)
                .forEach(c -> compensation.add("compensation event " + ((BaseElement) c.getParentElement()).getId()));
        assertThat(compensation).as("a leaver only moves forward").isEmpty();
        assertThat((Object) leaver.getModelElementById("Task_DeactivateAccount")).as("the rule has something to check").isNotNull();
    }

    @Test
    void everyUserTaskAndStartFormRefersToADeployedFormById() {
        Set<String> formIds = formIds();
        List<String> offenders = new ArrayList<>();
        models.forEach((file, model) -> {
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                checkFormRef(file, task, task.getCamundaFormRef(), task.getCamundaFormRefBinding(), formIds, true, offenders);
            }
            for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
                checkFormRef(file, start, start.getCamundaFormRef(), start.getCamundaFormRefBinding(), formIds, false, offenders);
            }
        });
        assertThat(offenders).isEmpty();
    }

    private static void checkFormRef(Path file, FlowNode node, String formRef, String binding, Set<String> formIds,
                                     boolean required, List<String> offenders) {
        String where = file.getFileName() + ": " + node.getId();
        if (formRef == null) {
            if (required) {
                offenders.add(where + " has no camunda:formRef");
            }
            return;
        }
        if (!formIds.contains(formRef)) {
            offenders.add(where + " refers to form '" + formRef + "', which no file in forms/ has as its id");
        }
        if (!"deployment".equals(binding)) {
            offenders.add(where + " must bind its form with camunda:formRefBinding=\"deployment\"");
        }
    }

    private static Set<String> formIds() {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(FORMS)) {
            return files.filter(f -> f.toString().endsWith(".form")).map(f -> {
                try {
                    return json.readTree(f.toFile()).path("id").asText(null);
                } catch (IOException e) {
                    throw new UncheckedIOException("unreadable form " + f, e);
                }
            }).filter(id -> id != null && !id.isBlank()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static boolean hasRetryCycle(Activity activity) {
        return activity.getExtensionElements() != null && activity.getExtensionElements().getElementsQuery()
                .filterByType(CamundaFailedJobRetryTimeCycle.class).list().stream()
                .anyMatch(cycle -> cycle.getTextContent() != null && !cycle.getTextContent().isBlank());
    }

    private record Implementation(Activity activity, String delegateExpression, String expression, String className,
                                  String type) {
    }
}
