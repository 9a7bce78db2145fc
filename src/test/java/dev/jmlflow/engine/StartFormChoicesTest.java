package dev.jmlflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** What HR's browser receives as a start form: the choices of each picker written into the form. */
class StartFormChoicesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final FormChoices PEOPLE = source("employeesWhoCanLeave",
            new FormChoices.Choice("Zoë O'Brien (E20417)", "E20417", "You are removing access for Zoë O'Brien (E20417) from 3 apps."),
            new FormChoices.Choice("Say \"Hi\" (E1)", "E1", "A \\ and a \"quote\""));

    @Test
    void aSelectNamingAChoiceSourceOffersItsChoicesAsValues() throws Exception {
        JsonNode select = component(fill("leaver-start", PEOPLE), "employeeId");

        assertThat(select.has("valuesKey")).as("Tasklist would look for a start form variable").isFalse();
        assertThat(select.path("values").get(0).path("label").asText()).isEqualTo("Zoë O'Brien (E20417)");
        assertThat(select.path("values").get(0).path("value").asText()).isEqualTo("E20417");
        assertThat(select.path("values")).hasSize(2);
    }

    @Test
    void theTextDescribingASelectSaysWhatThePickedValueMeansAndItsOwnTextBeforeAPick() throws Exception {
        String text = component(fill("leaver-start", PEOPLE), "Text_EmployeeSummary").path("text").asText();

        assertThat(text).isEqualTo("=if employeeId = null then \"Pick the employee to see whose access is removed, and"
                + " from how many apps.\" else get value({\"E20417\": \"You are removing access for Zoë O'Brien"
                + " (E20417) from 3 apps.\", \"E1\": \"A \\\\ and a \\\"quote\\\"\"}, employeeId)");
    }

    @Test
    void aSourceGivesNoMoreThanTheLimit() throws Exception {
        FormChoices many = new FormChoices() {
            @Override
            public String valuesKey() {
                return "managers";
            }

            @Override
            public List<Choice> choices(int limit) {
                return IntStream.range(0, Math.min(limit, 10)).mapToObj(i -> new Choice("M " + i, "m" + i, null)).toList();
            }
        };
        StartFormChoices choices = new StartFormChoices(provider(many), 3);

        JsonNode form = JSON.readTree(choices.fill(Files.readAllBytes(Path.of("forms", "joiner-start.form"))));
        assertThat(component(form, "managerId").path("values")).hasSize(3);
    }

    @Test
    void aFormNamingNoKnownSourceIsServedAsDeployed() throws Exception {
        byte[] deployed = Files.readAllBytes(Path.of("forms", "approve-access.form"));

        assertThat(new String(new StartFormChoices(provider(PEOPLE), 10).fill(deployed), StandardCharsets.UTF_8))
                .isEqualTo(new String(deployed, StandardCharsets.UTF_8));
    }

    private static JsonNode fill(String form, FormChoices source) throws Exception {
        return JSON.readTree(new StartFormChoices(provider(source), 10)
                .fill(Files.readAllBytes(Path.of("forms", form + ".form"))));
    }

    private static org.springframework.beans.factory.ObjectProvider<FormChoices> provider(FormChoices source) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("source", source);
        return beans.getBeanProvider(FormChoices.class);
    }

    private static FormChoices source(String valuesKey, FormChoices.Choice... choices) {
        return new FormChoices() {
            @Override
            public String valuesKey() {
                return valuesKey;
            }

            @Override
            public List<Choice> choices(int limit) {
                return List.of(choices).subList(0, Math.min(limit, choices.length));
            }
        };
    }

    private static JsonNode component(JsonNode form, String keyOrId) {
        for (JsonNode component : form.path("components")) {
            if (keyOrId.equals(component.path("key").asText()) || keyOrId.equals(component.path("id").asText())) {
                return component;
            }
        }
        throw new AssertionError("no component " + keyOrId);
    }
}
