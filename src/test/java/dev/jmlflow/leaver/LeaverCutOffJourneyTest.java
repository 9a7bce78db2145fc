package dev.jmlflow.leaver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.jmlflow.process.EngineRestClient.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.jmlflow.journey.FullStackJourney;
import dev.jmlflow.process.EngineRestClient;
import dev.jmlflow.testpeers.ScimSdkPeer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The leaver's cut-off against a create that is slow at one app. The app ("slowapp", a real SCIM-SDK server) sits
 * behind a proxy that forwards the joiner's POST at once, so the account is made, but answers only after jmlflow's
 * read timeout: the joiner's create stays a create attempt and its job fails and waits for its retry. An immediate
 * leaver is submitted while the create is in flight, or while its retry waits. Either way the account ends inactive
 * on the server, and the leaver says "access removed" only after the server showed it inactive. Nothing is mocked.
 */
@TestPropertySource(properties = {
    "jmlflow.provisioning.create-settle-window=1s",
    "jmlflow.provisioning.read-back-delay=100ms"
})
class LeaverCutOffJourneyTest extends FullStackJourney {

    private static final int READ_TIMEOUT_SECONDS = 10;
    private static final int CREATE_ANSWER_DELAY_MILLIS = 20_000;

    @RegisterExtension
    static final ScimSdkPeer slowApp = ScimSdkPeer.strict();

    private static final WireMockServer slowProxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        slowProxy.start();
    }

    @Autowired
    ManagementService management;

    @DynamicPropertySource
    static void slowTarget(DynamicPropertyRegistry registry) {
        registry.add("jmlflow.targets.slowapp.dialect", () -> "generic");
        registry.add("jmlflow.targets.slowapp.base-url", () -> slowProxy.baseUrl() + URI.create(slowApp.baseUrl()).getPath());
        registry.add("jmlflow.targets.slowapp.token", slowApp::token);
        registry.add("jmlflow.targets.slowapp.connect-timeout", () -> "1s");
        registry.add("jmlflow.targets.slowapp.read-timeout", () -> READ_TIMEOUT_SECONDS + "s");
    }

    @AfterAll
    static void stopProxy() {
        slowProxy.stop();
    }

    @BeforeEach
    void slowCreatesAndPeople() {
        URI peer = URI.create(slowApp.baseUrl());
        String origin = peer.getScheme() + "://" + peer.getAuthority();
        slowProxy.resetAll();
        slowProxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(origin)));
        slowProxy.stubFor(post(urlPathMatching(".*/Users")).atPriority(1)
                .willReturn(aResponse().proxiedFrom(origin).withFixedDelay(CREATE_ANSWER_DELAY_MILLIS)));
        user("hr.hanna", "hr");
        user("mgr.max", "managers");
    }

    @Test
    void aLeaverSubmittedWhileTheCreateIsInFlightLeavesTheAccountInactiveBeforeItSaysAccessRemoved() throws Exception {
        String employee = "E9101";
        String joiner = approvedJoiner(employee, "ivy.inflight@example.com");
        awaitUntil("the slow app has made the account and not answered yet", () -> slowAccountExists(employee));
        assertThat(failedCreates(joiner)).as("the joiner's create is still in flight").isZero();

        immediateLeaver(employee);

        assertAccessRemovedOnlyAfterTheAccountWasInactive(employee, joiner);
    }

    @Test
    void aLeaverSubmittedWhileTheTimedOutCreateWaitsForItsRetryLeavesTheAccountInactiveBeforeItSaysAccessRemoved()
            throws Exception {
        String employee = "E9102";
        String joiner = approvedJoiner(employee, "rita.retry@example.com");
        awaitUntil("the joiner's create at the slow app timed out and waits for its retry", () -> failedCreates(joiner) == 1);
        assertThat(slowAccountExists(employee)).as("the app made the account although the client gave up").isTrue();

        immediateLeaver(employee);

        assertAccessRemovedOnlyAfterTheAccountWasInactive(employee, joiner);
    }

    private String approvedJoiner(String employee, String email) throws Exception {
        EngineRestClient hr = as("hr.hanna");
        HttpResponse<String> started = hr.start("joiner", employee, """
                {"employeeId": {"value": "%s"}, "givenName": {"value": "Cut"}, "familyName": {"value": "Off"},
                 "email": {"value": "%s"}, "department": {"value": "Marketing"},
                 "jobTitle": {"value": "Writer"}, "managerId": {"value": "mgr.max"},
                 "startDate": {"value": "%s"}, "requestedGroups": {"value": ""}}
                """.formatted(employee, email, LocalDate.now()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        EngineRestClient manager = as("mgr.max");
        assertThat(manager.complete(manager.taskId(employee, "approveAccess"), "{\"approved\": {\"value\": true}}")
                .statusCode()).isEqualTo(204);
        return history.createHistoricProcessInstanceQuery().processDefinitionKey("joiner")
                .processInstanceBusinessKey(employee).singleResult().getId();
    }

    private void immediateLeaver(String employee) {
        HttpResponse<String> started = as("hr.hanna").start("leaver", employee, """
                {"employeeId": {"value": "%s", "type": "String"},
                 "lastDay": {"value": "%s", "type": "String"},
                 "immediate": {"value": true, "type": "Boolean"},
                 "reason": {"value": "Contract ended before the first day", "type": "String"}}
                """.formatted(employee, LocalDate.now()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    }

    private void assertAccessRemovedOnlyAfterTheAccountWasInactive(String employee, String joiner) throws Exception {
        String leaver = history.createHistoricProcessInstanceQuery().processDefinitionKey("leaver")
                .processInstanceBusinessKey(employee).singleResult().getId();
        awaitUntil("the leaver has said access is removed", () -> history.createHistoricActivityInstanceQuery()
                .processInstanceId(leaver).activityId("Task_NotifyAccessRemoved").finished().count() == 1);
        // the proxy answers the joiner's POST only now at the latest; the account must stay inactive after that too
        Thread.sleep(Math.max(0, lastCreateAnswer() - System.currentTimeMillis()) + 500);

        assertThat(account(slowApp, employee).active()).as("the account the slow create made").isFalse();
        APPS.forEach((name, peer) -> assertThat(account(peer, employee).active()).as(name).isFalse());
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(joiner).singleResult().getDeleteReason())
                .isEqualTo("superseded by leaver " + leaver);
        Instant deactivated = lastDeactivationSent(account(slowApp, employee).id());
        HistoricActivityInstance notified = history.createHistoricActivityInstanceQuery().processInstanceId(leaver)
                .activityId("Task_NotifyAccessRemoved").singleResult();
        assertThat(notified.getStartTime().toInstant()).as("access removed is said after the deactivation")
                .isAfter(deactivated);
        assertThat(runtime.createIncidentQuery().processInstanceId(leaver).count()).isZero();
    }

    private boolean slowAccountExists(String employee) {
        return slowApp.tenant().users().stream().anyMatch(u -> employee.equals(u.externalId()));
    }

    private long failedCreates(String joiner) {
        return management.createJobQuery().processInstanceId(joiner).activityId("Task_EnsureAccount").withException().count();
    }

    private long lastCreateAnswer() {
        return slowProxy.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().value().equals("POST"))
                .mapToLong(e -> e.getRequest().getLoggedDate().getTime() + CREATE_ANSWER_DELAY_MILLIS).max().orElse(0);
    }

    private Instant lastDeactivationSent(String scimId) {
        return slowProxy.getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .filter(r -> r.getMethod().value().equals("PATCH") && r.getUrl().endsWith("/Users/" + scimId)
                        && r.getBodyAsString().contains("\"active\"") && r.getBodyAsString().contains("false"))
                .map(r -> r.getLoggedDate().toInstant())
                .max(Comparator.naturalOrder())
                .orElseThrow(() -> new AssertionError("the leaver never deactivated the slow app's account"));
    }
}
