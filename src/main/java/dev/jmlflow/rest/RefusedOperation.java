package dev.jmlflow.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;

/**
 * What a refused REST call tried to do, read from its path, and the labels of the deployed Camunda Form that the
 * caller filled in: the start form of the process definition, or the form of the task. Looked up on the system's
 * behalf, because a caller refused on a task may not be allowed to read it.
 */
record RefusedOperation(String description, Map<String, String> labels) {

    private static final String ENGINE = "(?:engine/[^/]+/)?";
    private static final Pattern START_BY_KEY = Pattern.compile(ENGINE + "process-definition/key/([^/]+)(?:/tenant-id/[^/]+)?/(?:start|submit-form)/?");
    private static final Pattern START_BY_ID = Pattern.compile(ENGINE + "process-definition/([^/]+)/(?:start|submit-form)/?");
    private static final Pattern TASK = Pattern.compile(ENGINE + "task/([^/]+)/([^/]+).*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code path} relative to the REST application, as JAX-RS's {@code UriInfo.getPath()} gives it. */
    static RefusedOperation of(String path, ProcessEngine engine) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        try {
            Matcher match = START_BY_KEY.matcher(relative);
            if (match.matches()) {
                return start(engine, asSystem(engine, () -> engine.getRepositoryService().createProcessDefinitionQuery()
                        .processDefinitionKey(match.group(1)).latestVersion().singleResult()));
            }
            Matcher byId = START_BY_ID.matcher(relative);
            if (byId.matches()) {
                return start(engine, asSystem(engine, () -> engine.getRepositoryService().createProcessDefinitionQuery()
                        .processDefinitionId(byId.group(1)).singleResult()));
            }
            Matcher task = TASK.matcher(relative);
            if (task.matches()) {
                return task(engine, task.group(1), task.group(2));
            }
        } catch (ProcessEngineException e) {
            // the definition or task cannot be read: the message keeps its field keys
        }
        return new RefusedOperation(relative, Map.of());
    }

    private static RefusedOperation start(ProcessEngine engine, ProcessDefinition definition) {
        if (definition == null) {
            return new RefusedOperation("start of an unknown process", Map.of());
        }
        return new RefusedOperation("start of " + definition.getKey(),
                formLabels(engine, () -> engine.getFormService().getDeployedStartForm(definition.getId())));
    }

    private static RefusedOperation task(ProcessEngine engine, String taskId, String action) {
        Task task = asSystem(engine, () -> engine.getTaskService().createTaskQuery().taskId(taskId).singleResult());
        if (task == null) {
            return new RefusedOperation(action + " of task " + taskId, Map.of());
        }
        String description = action + " of task '" + task.getName() + "' (" + task.getTaskDefinitionKey() + ", "
                + taskId + ")";
        return new RefusedOperation(description, formLabels(engine, () -> engine.getFormService().getDeployedTaskForm(taskId)));
    }

    private static Map<String, String> formLabels(ProcessEngine engine, Callable<InputStream> deployedForm) {
        try {
            return asSystem(engine, () -> labels(deployedForm.call()));
        } catch (ProcessEngineException e) {
            return Map.of(); // no deployed form: the message keeps its field keys
        }
    }

    /** Field key to label, from a Camunda Form's components (a date field is labelled by its dateLabel). */
    static Map<String, String> labels(InputStream form) {
        try (form) {
            Map<String, String> labels = new HashMap<>();
            collect(JSON.readTree(form), labels);
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode container, Map<String, String> labels) {
        for (JsonNode component : container.path("components")) {
            String label = component.path("label").asText(component.path("dateLabel").asText(""));
            if (component.hasNonNull("key") && !label.isBlank()) {
                labels.put(component.get("key").asText(), label);
            }
            collect(component, labels);
        }
    }

    private static <T> T asSystem(ProcessEngine engine, Callable<T> work) {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        return configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(work));
    }
}
