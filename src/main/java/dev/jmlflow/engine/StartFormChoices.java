package dev.jmlflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Writes the current choices into a start form as it is served. Camunda 7.24 Tasklist loads form variables for a
 * task's Camunda Form but none for a start form, so a select's {@code valuesKey} would stay empty there; the form
 * itself is the one thing Tasklist (and {@code GET /process-definition/{id}/deployed-start-form}) always fetches.
 * Each select whose {@code valuesKey} names a {@link FormChoices} gets its {@code values}; each text component with
 * the custom property {@code describes: <field>} becomes a FEEL expression that says what the picked value means,
 * its own text standing until something is picked.
 */
final class StartFormChoices extends AbstractProcessEnginePlugin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectProvider<FormChoices> sources;
    private final int limit;

    StartFormChoices(ObjectProvider<FormChoices> sources, int limit) {
        this.sources = sources;
        this.limit = limit;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
        }
        configuration.getCustomPreCommandInterceptorsTxRequired().add(new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                // a form read inside another command (the start guard reading its field keys) needs no choices
                boolean served = command instanceof GetDeployedStartFormCmd && Context.getCommandContext() == null;
                T form = next.execute(command);
                if (!served) {
                    return form;
                }
                byte[] filled = next.execute(context -> fill(read((InputStream) form)));
                @SuppressWarnings("unchecked") // GetDeployedStartFormCmd is a Command<InputStream>
                T result = (T) new ByteArrayInputStream(filled);
                return result;
            }
        });
    }

    /** The form with the choices written in; unchanged when it names none. */
    byte[] fill(byte[] form) {
        try {
            JsonNode root = JSON.readTree(form);
            Map<String, FormChoices> byKey = sources.orderedStream()
                    .collect(Collectors.toMap(FormChoices::valuesKey, Function.identity()));
            Map<String, List<FormChoices.Choice>> picked = new HashMap<>();
            components(root).stream().filter(c -> byKey.containsKey(c.path("valuesKey").asText()))
                    .forEach(select -> picked.put(select.path("key").asText(), offer(select, byKey)));
            if (picked.isEmpty()) {
                return form;
            }
            components(root).stream().filter(c -> picked.containsKey(c.path("properties").path("describes").asText()))
                    .forEach(text -> describe(text, picked.get(text.path("properties").path("describes").asText())));
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException("the deployed start form cannot be read", e);
        }
    }

    private List<FormChoices.Choice> offer(ObjectNode select, Map<String, FormChoices> byKey) {
        FormChoices source = byKey.get(select.path("valuesKey").asText());
        List<FormChoices.Choice> choices = source.onlyForStartersOf().map(StartFormChoices::mayStart).orElse(true)
                ? source.choices(limit) : List.of();
        select.remove("valuesKey");
        ArrayNode values = select.putArray("values");
        choices.forEach(choice -> values.addObject().put("label", choice.label()).put("value", choice.value()));
        return choices;
    }

    /** Whether the current user may start the process (true when nobody is authenticated: the Java API). */
    private static boolean mayStart(String processKey) {
        return Context.getCommandContext().getAuthorizationManager()
                .isAuthorized(ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, processKey);
    }

    /** {@code =if field = null then "<its text>" else get value({"<value>": "<summary>", ...}, field)}. */
    private static void describe(ObjectNode text, List<FormChoices.Choice> choices) {
        String field = text.path("properties").path("describes").asText();
        String summaries = choices.stream().filter(choice -> choice.summary() != null)
                .map(choice -> feel(choice.value()) + ": " + feel(choice.summary()))
                .collect(Collectors.joining(", ", "{", "}"));
        text.put("text", "=if " + field + " = null then " + feel(text.path("text").asText())
                + " else get value(" + summaries + ", " + field + ")");
    }

    private static String feel(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    private static List<ObjectNode> components(JsonNode node) {
        List<ObjectNode> all = new ArrayList<>();
        for (JsonNode component : node.path("components")) {
            all.add((ObjectNode) component);
            all.addAll(components(component));
        }
        return all;
    }

    private static byte[] read(InputStream form) {
        try (form) {
            return form.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the deployed start form cannot be read", e);
        }
    }
}
