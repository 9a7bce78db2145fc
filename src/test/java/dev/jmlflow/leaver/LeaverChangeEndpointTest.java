package dev.jmlflow.leaver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.process.EngineRestClient;
import dev.jmlflow.provisioning.Employee;
import dev.jmlflow.provisioning.ProvisioningService;
import dev.jmlflow.sandbox.AppHttp;
import dev.jmlflow.sandbox.SandboxCredentials;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import dev.jmlflow.policy.JmlflowGroups;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * HR cancels and re-dates scheduled leavers through {@code /api/leavers}: the app in sandbox mode (demo users, the
 * in-app SCIM apps), leavers started by HR over {@code /engine-rest}, and plain HTTP calls. The job executor is off,
 * so an immediate leaver stays where deprovisioning starts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // only the leaver and its forms: this test must not depend on the state of the other processes
    "camunda.bpm.deployment-resource-pattern=classpath*:processes/leaver.bpmn,classpath*:forms/*.form",
    "camunda.bpm.job-execution.enabled=false"
})
@DirtiesContext // the REST API finds the engine by its name "default" in a JVM-wide registry
class LeaverChangeEndpointTest {

    private static final AtomicInteger EMPLOYEES = new AtomicInteger(8000);
    /** Starts the leavers, so that the demo user "hr" is a second person (four eyes). */
    private static final String REQUESTER = "hr-requester";
    private static final String PASSWORD = "Requester-Pass-42!";

    @LocalServerPort
    int port;
    @Autowired
    SandboxCredentials demoUsers;
    @Autowired
    ProvisioningService provisioning;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    LeaverSchedule schedule;
    @Autowired
    IdentityService identity;

    private AppHttp http;
    private String employeeId;

    @BeforeEach
    void anEmployeeWithAnAccount() {
        http = new AppHttp(port);
        employeeId = "E" + EMPLOYEES.incrementAndGet();
        provisioning.ensureUser("cortex", new Employee(employeeId, employeeId.toLowerCase() + "@example.com", "Lena",
                "Leaver", "Engineering", "Developer", "manager1"));
        hrUser(REQUESTER, null);
    }

    @Test
    void theRequesterOfALeaverCannotCancelOrReDateIt() {
        String leaver = scheduledLeaver(schedule.today().plusDays(10).toString());

        HttpResponse<String> cancel = send(REQUESTER, PASSWORD, "POST", "/cancellation", "{}");
        HttpResponse<String> reDate = send(REQUESTER, PASSWORD, "PUT", "/last-day",
                "{\"lastDay\": \"" + schedule.today().plusDays(3) + "\"}");

        assertThat(cancel.statusCode()).isEqualTo(403);
        assertThat(cancel.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
        assertThat(cancel.body()).contains("Four-eyes rule: " + REQUESTER + " requested this change");
        assertThat(reDate.statusCode()).isEqualTo(403);
        assertThat(runtime.getVariable(leaver, "cancelledBy")).isNull();
        assertThat(runtime.getVariable(leaver, "lastDayChangedBy")).isNull();
    }

    @Test
    void theLeaverCannotCancelOrReDateTheirOwnLeaverByUserIdOrByEmail() {
        String leaver = scheduledLeaver(schedule.today().plusDays(10).toString());
        hrUser(employeeId, null);
        String sameMail = "lena" + employeeId.substring(1);
        hrUser(sameMail, employeeId.toLowerCase() + "@example.com");

        for (String self : java.util.List.of(employeeId, sameMail)) {
            HttpResponse<String> cancel = send(self, PASSWORD, "POST", "/cancellation", "{}");
            HttpResponse<String> reDate = send(self, PASSWORD, "PUT", "/last-day",
                    "{\"lastDay\": \"" + schedule.today().plusDays(3) + "\"}");

            assertThat(cancel.statusCode()).as(self).isEqualTo(403);
            assertThat(cancel.body()).contains("Four-eyes rule: " + self + " is the person this request is about");
            assertThat(reDate.statusCode()).as(self).isEqualTo(403);
        }
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(leaver).count()).isOne();
        assertThat(runtime.getVariable(leaver, "lastDayChangedBy")).isNull();
    }

    @Test
    void aLastDayBeyondTheHorizonIsRefusedNamingLastDay() {
        String lastDay = schedule.today().plusDays(10).toString();
        String leaver = scheduledLeaver(lastDay);

        HttpResponse<String> response = send("hr", "PUT", "/last-day", "{\"lastDay\": \"2099-01-01\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("lastDay: 2099-01-01 is too far ahead; the latest allowed is "
                + schedule.today().plusYears(1));
        assertThat(runtime.getVariable(leaver, "lastDay")).isEqualTo(lastDay);
    }

    @Test
    void hrCancelsAScheduledLeaverAndItEndsAtLeaverCancelledNamingWhoDidIt() {
        String leaver = scheduledLeaver(schedule.today().plusDays(10).toString());

        HttpResponse<String> response = send("hr", "POST", "/cancellation", "{\"reason\": \"Stays after all\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"processInstanceId\":\"" + leaver + "\"", "\"by\":\"hr\"");
        HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery().processInstanceId(leaver).singleResult();
        assertThat(ended.getEndTime()).isNotNull();
        assertThat(ended.getEndActivityId()).isEqualTo("EndEvent_LeaverCancelled");
        assertThat(historicVariable(leaver, "cancelledBy")).isEqualTo("hr");
        assertThat(historicVariable(leaver, "cancellationReason")).isEqualTo("Stays after all");
    }

    @Test
    void hrMovesTheLastDayAndTheTimerMovesWithIt() {
        String leaver = scheduledLeaver(schedule.today().plusDays(10).toString());
        String newLastDay = schedule.today().plusDays(3).toString();

        HttpResponse<String> response = send("hr", "PUT", "/last-day", "{\"lastDay\": \"" + newLastDay + "\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(timerDue(leaver)).isEqualTo(schedule.endOfLastDay(newLastDay));
        assertThat(runtime.getVariable(leaver, "lastDay")).isEqualTo(newLastDay);
        assertThat(runtime.getVariable(leaver, "lastDayChangedBy")).isEqualTo("hr");
    }

    @Test
    void aPastLastDayIsRefusedWithTheReasonAndNothingChanges() {
        String lastDay = schedule.today().plusDays(10).toString();
        String leaver = scheduledLeaver(lastDay);
        Date before = timerDue(leaver);

        HttpResponse<String> response = send("hr", "PUT", "/last-day",
                "{\"lastDay\": \"" + schedule.today().minusDays(1) + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("The last day was not changed.", "is in the past");
        assertThat(timerDue(leaver)).isEqualTo(before);
        assertThat(runtime.getVariable(leaver, "lastDay")).isEqualTo(lastDay);
        assertThat(runtime.getVariable(leaver, "lastDayChangedBy")).isNull();
    }

    @Test
    void aLastDayThatIsNotADateIsRefused() {
        scheduledLeaver(schedule.today().plusDays(10).toString());

        HttpResponse<String> response = send("hr", "PUT", "/last-day", "{\"lastDay\": \"31.12.2030\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("yyyy-MM-dd");
    }

    @Test
    void aManagerMayNotCancelALeaver() {
        String leaver = scheduledLeaver(schedule.today().plusDays(10).toString());

        HttpResponse<String> response = send("manager1", "POST", "/cancellation", "{}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(leaver).count()).isOne();
    }

    @Test
    void withoutCredentialsTheAnswerIs401WithABasicChallenge() {
        String leaver = scheduledLeaver(schedule.today().plusDays(10).toString());

        HttpResponse<String> response = http.send(request("/cancellation").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(leaver).count()).isOne();
    }

    @Test
    void aCancellationThatIsNotJsonIsRefusedSoACrossSiteFormCannotSendIt() {
        String leaver = scheduledLeaver(schedule.today().plusDays(10).toString());

        HttpResponse<String> response = http.send(request("/cancellation").header("Authorization", basic("hr"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("")));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(leaver).count()).isOne();
    }

    @Test
    void anEmployeeWithoutARunningLeaverIs404() {
        HttpResponse<String> response = send("hr", "POST", "/cancellation", "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("No leaver request is running for " + employeeId);
    }

    @Test
    void aLeaverWhoseDeprovisioningHasStartedCannotBeCancelled() {
        String leaver = startLeaver(schedule.today().toString(), true);

        HttpResponse<String> response = send("hr", "POST", "/cancellation", "{}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("no longer waits for the last day");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(leaver).count()).isOne();
        assertThat(runtime.getVariable(leaver, "cancelledBy")).isNull();
    }

    private String scheduledLeaver(String lastDay) {
        String id = startLeaver(lastDay, false);
        assertThat(runtime.createEventSubscriptionQuery().processInstanceId(id).eventName("LeaverCancelled").count()).isOne();
        return id;
    }

    private String startLeaver(String lastDay, boolean immediate) {
        EngineRestClient hr = new EngineRestClient(port, REQUESTER, PASSWORD);
        HttpResponse<String> started = hr.start("leaver", employeeId, """
                {"employeeId": {"value": "%s", "type": "String"},
                 "lastDay": {"value": "%s", "type": "String"},
                 "immediate": {"value": %s, "type": "Boolean"},
                 "reason": {"value": "Resigned", "type": "String"}}
                """.formatted(employeeId, lastDay, immediate));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(employeeId).singleResult().getId();
    }

    private Date timerDue(String leaver) {
        return management.createJobQuery().processInstanceId(leaver).timers().singleResult().getDuedate();
    }

    private Object historicVariable(String leaver, String name) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(leaver).variableName(name).singleResult().getValue();
    }

    private HttpResponse<String> send(String user, String method, String path, String json) {
        return send(user, demoUsers.passwordOf(user), method, path, json);
    }

    private HttpResponse<String> send(String user, String password, String method, String path, String json) {
        return http.send(request(path).header("Authorization", AppHttp.basic(user, password))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    private void hrUser(String id, String email) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setPassword(PASSWORD);
            user.setEmail(email);
            identity.saveUser(user);
            identity.createMembership(id, JmlflowGroups.HR);
        }
    }

    private HttpRequest.Builder request(String path) {
        return http.request("/api/leavers/" + employeeId + path);
    }

    private String basic(String user) {
        return AppHttp.basic(user, demoUsers.passwordOf(user));
    }
}
