package dev.jmlflow.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.provisioning.Employee;
import dev.jmlflow.sandbox.AppHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HR sends hostile bodies to jmlflow's own leaver endpoints ({@code /api/leavers/...}). Each answers 400 naming
 * the field, never 500; the scheduled leaver keeps its last day and nothing changes on any SCIM server.
 */
class LeaverChangeAttacksTest extends AttackerJourney {

    private static final String HR = "hr.hedy";
    /** A second HR user: the requester of a leaver may not change it (four eyes), so that refusal cannot hide these. */
    private static final String OTHER_HR = "hr.henrik";
    private static final String EMPLOYEE = "E5301";

    private String leaverId;
    private Object lastDay;

    @BeforeEach
    void aScheduledLeaver() throws InterruptedException {
        user(HR, "hr");
        user(OTHER_HR, "hr");
        engineRestIsUp(HR);
        if (runtime.createProcessInstanceQuery().processInstanceBusinessKey(EMPLOYEE).count() == 0) {
            provisioning.ensureUser("cortex", new Employee(EMPLOYEE, "lia.later@example.com", "Lia", "Later", "Finance",
                    "Accountant", "mgr.none"));
            HttpResponse<String> started = start(HR, "leaver", Map.of("employeeId", EMPLOYEE,
                    "lastDay", LocalDate.now().plusDays(10).toString(), "immediate", false, "reason", "Resigned"));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        }
        leaverId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(EMPLOYEE).singleResult().getId();
        lastDay = runtime.getVariable(leaverId, "lastDay");
    }

    private HttpResponse<String> send(String method, String path, String body) {
        AppHttp app = new AppHttp(port);
        return app.send(app.request("/api/leavers/" + EMPLOYEE + path).header("Authorization", AppHttp.basic(OTHER_HR, PASSWORD))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    private void assertTheLeaverIsAsItWas() {
        assertThat(runtime.getVariable(leaverId, "lastDay")).as("the last day").isEqualTo(lastDay);
        assertThat(runtime.getVariable(leaverId, "cancelledBy")).as("cancelled by").isNull();
    }

    @ParameterizedTest(name = "last day {0} answers 400 naming lastDay")
    @ValueSource(strings = {"2026-02-30", "2020-01-01", "tomorrow", "2027-01-01\\nX", "2027-01-01\\u202E", "\\\"; drop"})
    void aHostileLastDayAnswers400NamingTheFieldAndChangesNothing(String value) {
        Servers before = servers();

        HttpResponse<String> response = send("PUT", "/last-day", "{\"lastDay\": \"" + value + "\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("lastDay");
        assertTheLeaverIsAsItWas();
        assertUnchanged(before);
    }

    @Test
    void aTenKilobyteLastDayAnswers400() {
        HttpResponse<String> response = send("PUT", "/last-day", "{\"lastDay\": \"" + "9".repeat(10 * 1024) + "\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("lastDay");
        assertTheLeaverIsAsItWas();
    }

    @Test
    void aMissingLastDayAnswers400NamingIt() {
        HttpResponse<String> response = send("PUT", "/last-day", "{}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("lastDay");
        assertTheLeaverIsAsItWas();
    }

    @ParameterizedTest(name = "body {0} answers 400, not 500")
    @ValueSource(strings = {"{\"lastDay\":", "[1,2]", "{\"lastDay\": {\"x\": 1}}"})
    void aMalformedBodyAnswers400(String body) {
        HttpResponse<String> response = send("PUT", "/last-day", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertTheLeaverIsAsItWas();
    }

    @Test
    void aTenKilobyteCancellationReasonAnswers400NamingTheReason() {
        Servers before = servers();

        HttpResponse<String> response = send("POST", "/cancellation", "{\"reason\": \"" + "x".repeat(10 * 1024) + "\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("reason");
        assertTheLeaverIsAsItWas();
        assertUnchanged(before);
    }
}
