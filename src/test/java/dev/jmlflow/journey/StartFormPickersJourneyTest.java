package dev.jmlflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jmlflow.employee.EmployeeRecord;
import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.employee.EmployeeStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The start forms as {@code /engine-rest} (and so Tasklist) serves them: the pickers hold the current people, and
 * the employee lists only for those who may start the request.
 */
class StartFormPickersJourneyTest extends FullStackJourney {

    @Autowired
    EmployeeRegistry registry;

    @BeforeEach
    void people() throws InterruptedException {
        user("hr.pia", "hr");
        user("mgr.milo", "managers");
        engineRestIsUp("hr.pia");
        registry.save(new EmployeeRecord("E20417", "zoe.o'brien@example.com", "Zoë", "O'Brien", "Finance",
                "Accountant", "mgr.milo", EmployeeStatus.ACTIVE, LocalDate.now(), null));
    }

    @Test
    void theJoinerFormOffersTheManagersByNameWithTheirUserIdAsValue() {
        JsonNode manager = option(startForm("hr.pia", "joiner"), "managerId", "mgr.milo");

        assertThat(manager.path("label").asText()).isEqualTo("mgr.milo Journey (mgr.milo)");
    }

    @Test
    void theLeaverFormOffersTheRegistrysPeopleAndSaysWhatHappensToThem() {
        JsonNode form = startForm("hr.pia", "leaver");

        assertThat(option(form, "employeeId", "E20417").path("label").asText()).isEqualTo("Zoë O'Brien (E20417)");
        assertThat(component(form, "Text_EmployeeSummary").path("text").asText())
                .contains("\"E20417\": \"You are stopping the requests of Zoë O'Brien (E20417), who has no account in any app yet.\"");
    }

    @Test
    void aManagerWhoMayReadButNotStartTheLeaverSeesNoEmployees() {
        assertThat(component(startForm("mgr.milo", "leaver"), "employeeId").path("values")).isEmpty();
        assertThat(component(startForm("mgr.milo", "mover"), "employeeId").path("values")).isEmpty();
    }

    private JsonNode startForm(String user, String processKey) {
        return as(user).get("/process-definition/key/" + processKey + "/deployed-start-form");
    }

    private static JsonNode option(JsonNode form, String key, String value) {
        List<JsonNode> values = new ArrayList<>();
        component(form, key).path("values").forEach(values::add);
        return values.stream().filter(option -> value.equals(option.path("value").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(key + " does not offer " + value + ": " + values));
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
