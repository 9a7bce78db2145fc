package dev.jmlflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The field keys of the Camunda Form that a start event or user task refers to ({@code camunda:formRef}), read from
 * the deployed {@code .form} file, so what a caller may set follows the form and never a hand-kept list. A start
 * event or task without a form has no fields.
 */
public final class FormFields {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FormFields() {
    }

    /** The keys of the start form of the execution's process definition. */
    public static Set<String> ofStartForm(DelegateExecution execution, boolean hasForm) {
        FormService forms = execution.getProcessEngineServices().getFormService();
        return hasForm ? keys(() -> forms.getDeployedStartForm(execution.getProcessDefinitionId())) : Set.of();
    }

    /** The keys of the task's form. */
    public static Set<String> ofTaskForm(DelegateTask task, boolean hasForm) {
        FormService forms = task.getProcessEngineServices().getFormService();
        return hasForm ? keys(() -> forms.getDeployedTaskForm(task.getId())) : Set.of();
    }

    /** The keys of every input field of a Camunda Form (nested groups included; texts and buttons have none). */
    static Set<String> keys(JsonNode form) {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode component : form.path("components")) {
            if (component.hasNonNull("key") && !"button".equals(component.path("type").asText())) {
                keys.add(component.get("key").asText());
            }
            keys.addAll(keys(component));
        }
        return keys;
    }

    private static Set<String> keys(Callable<InputStream> form) {
        // the form is read on the system's behalf: what a caller may set must not depend on what they may read
        try (InputStream in = Engine.withoutAuthorization(form)) {
            return keys(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("the deployed form cannot be read", e);
        }
    }
}
