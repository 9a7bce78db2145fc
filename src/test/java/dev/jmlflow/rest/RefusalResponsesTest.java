package dev.jmlflow.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jmlflow.journey.FullStackJourney;
import dev.jmlflow.process.EngineRestClient;
import dev.jmlflow.sandbox.AppHttp;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * How jmlflow's refusals reach a caller of Camunda's REST API and Tasklist: a 400 (bad input) or 403 (forbidden)
 * whose message names each field by its form label, and one INFO line in the log, where Camunda alone answers 500
 * with the engine's prefix and logs a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class RefusalResponsesTest extends FullStackJourney {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BROKEN_PROCESS = "brokenStart";

    @Autowired
    RepositoryService repository;

    @BeforeEach
    void people() throws InterruptedException {
        user("hr.rita", "hr");
        user("mgr.mona", "managers");
        engineRestIsUp("hr.rita");
        if (repository.createProcessDefinitionQuery().processDefinitionKey(BROKEN_PROCESS).count() == 0) {
            // a start listener that fails as a bug would: an expression naming a bean that does not exist
            repository.createDeployment().addModelInstance(BROKEN_PROCESS + ".bpmn", Bpmn.createExecutableProcess(BROKEN_PROCESS)
                    .camundaHistoryTimeToLive(1).camundaStartableInTasklist(true)
                    .startEvent().camundaExecutionListenerExpression("start", "${noSuchBean.fail()}")
                    .endEvent().done()).deploy();
        }
    }

    private static String badJoiner(String employeeId) {
        return """
                {"employeeId": {"value": "%s"}, "givenName": {"value": "Ann\\"a"}, "familyName": {"value": "Smith"},
                 "email": {"value": "anna@example.com\\nBcc: x@example.com"}, "department": {"value": "Finance"},
                 "jobTitle": {"value": "Accountant"}, "managerId": {"value": "nobody"},
                 "startDate": {"value": "%s"}}
                """.formatted(employeeId, LocalDate.now());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void aRefusedJoinerStartAnswers400NamingEachFieldByItsFormLabel() throws Exception {
        HttpResponse<String> response = as("hr.rita").start("joiner", "E9101", badJoiner("E9101"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("type").asText()).isEqualTo("NotValidException");
        assertThat(json(response).path("message").asText())
                .startsWith("The request was not started. ")
                .contains("Given name: may hold letters", "Work email: must be an email address",
                        "Manager: nobody is not a user in the group managers")
                .doesNotContain("Cannot instantiate", "joiner:", "givenName", "managerId");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("E9101").count()).isZero();
    }

    @Test
    void aRefusedStartLogsOneInfoLineWithTheUserTheProcessAndTheMessageAndNoStackTrace(CapturedOutput output) {
        int before = output.getAll().length();

        as("hr.rita").start("joiner", "E9102", badJoiner("E9102"));

        List<String> lines = Arrays.asList(output.getAll().substring(before).split("\\R"));
        assertThat(lines.stream().filter(line -> line.contains("Refused"))).singleElement().satisfies(line -> assertThat(line)
                .contains(" INFO ", "start of joiner", "hr.rita", "Work email: must be an email address")
                .doesNotContain("\n"));
        assertThat(lines).noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                .noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception:"));
    }

    @Test
    void tasklistShowsTheSameLabelledMessageWhenItsStartFormIsRefused() throws Exception {
        AppHttp tasklist = new AppHttp(port);
        assertThat(tasklist.loginToTasklist("hr.rita", PASSWORD).statusCode()).isEqualTo(200);
        String definitionId = repository.createProcessDefinitionQuery().processDefinitionKey("joiner").latestVersion()
                .singleResult().getId();

        HttpResponse<String> response = tasklist.postAsWebapp("/camunda/api/engine/engine/default/process-definition/"
                + definitionId + "/submit-form", "{\"variables\": " + badJoiner("E9103") + "}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("message").asText()).startsWith("The request was not started. ")
                .contains("Given name: ", "Manager: ").doesNotContain("Cannot instantiate", definitionId);
    }

    @Test
    void aTaskCompletionWithoutTheDecisionAnswers400NamingItByItsLabelWithoutTheEnginesWording() throws Exception {
        EngineRestClient hr = as("hr.rita");
        HttpResponse<String> started = hr.start("joiner", "E9104", """
                {"employeeId": {"value": "E9104"}, "givenName": {"value": "Tom"}, "familyName": {"value": "Fair"},
                 "email": {"value": "tom.fair@example.com"}, "department": {"value": "Finance"},
                 "jobTitle": {"value": "Accountant"}, "managerId": {"value": "mgr.mona"}, "startDate": {"value": "%s"}}
                """.formatted(LocalDate.now()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String task = as("mgr.mona").taskId("E9104", "approveAccess");

        HttpResponse<String> noDecision = as("mgr.mona").post("/task/" + task + "/submit-form", "{\"variables\": {}}");

        assertThat(noDecision.statusCode()).as(noDecision.body()).isEqualTo(400);
        assertThat(json(noDecision).path("type").asText()).isEqualTo("NotValidException");
        assertThat(json(noDecision).path("message").asText())
                .startsWith("The task 'Approve access for Tom Fair' was not completed. Decision: ")
                .doesNotContain("Cannot submit task form", "ENGINE-", task);
    }

    @Test
    void anUnexpectedErrorStillAnswers500AsCamundaDoes() throws Exception {
        user("admin.ada", "camunda-admin");

        HttpResponse<String> response = as("admin.ada").post("/process-definition/key/" + BROKEN_PROCESS + "/start", "{}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        assertThat(json(response).path("message").asText()).startsWith("Cannot instantiate process definition");
    }
}
