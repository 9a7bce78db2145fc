package dev.jmlflow.leaver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.provisioning.Employee;
import dev.jmlflow.provisioning.LinkState;
import dev.jmlflow.provisioning.ProvisioningService;
import dev.jmlflow.sandbox.scimserver.Profile;
import dev.jmlflow.sandbox.scimserver.StoredGroup;
import dev.jmlflow.sandbox.scimserver.StoredUser;
import dev.jmlflow.testpeers.ScimSdkPeer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application with its job executor, REST API and security, against three real SCIM servers (SCIM-SDK,
 * with the update styles of Coralogix, Cortex and Coginiti). HR starts an immediate leaver over
 * {@code /engine-rest}; afterwards every server shows the account inactive and in no group. Nothing is mocked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "jmlflow.admin.user=journey-admin",
    "jmlflow.admin.password=Quiet-Harbour-4-Gates!",
    // only the leaver and its forms: this test must not depend on the state of the other processes
    "camunda.bpm.deployment-resource-pattern=classpath*:processes/leaver.bpmn,classpath*:forms/*.form",
    "camunda.bpm.job-execution.wait-time-in-millis=200",
    "camunda.bpm.job-execution.max-wait=1000"
})
@DirtiesContext // the REST API finds the engine by its name "default" in a JVM-wide registry
class LeaverJourneyTest {

    @RegisterExtension
    static final ScimSdkPeer alpha = ScimSdkPeer.withProfile(Profile.CORALOGIX);
    @RegisterExtension
    static final ScimSdkPeer beta = ScimSdkPeer.withProfile(Profile.CORTEX);
    @RegisterExtension
    static final ScimSdkPeer gamma = ScimSdkPeer.withProfile(Profile.COGINITI);

    private static final String HR_USER = "hr.hanna";
    private static final String HR_PASSWORD = "Cut-Access-7-Today!";
    private static final String EMPLOYEE = "E7001";
    private static final Map<String, ScimSdkPeer> PEERS = Map.of("alpha", alpha, "beta", beta, "gamma", gamma);

    @DynamicPropertySource
    static void targets(DynamicPropertyRegistry registry) {
        target(registry, "alpha", "coralogix", alpha);
        target(registry, "beta", "cortex", beta);
        target(registry, "gamma", "coginiti", gamma);
    }

    private static void target(DynamicPropertyRegistry registry, String name, String dialect, ScimSdkPeer peer) {
        registry.add("jmlflow.targets." + name + ".dialect", () -> dialect);
        registry.add("jmlflow.targets." + name + ".base-url", peer::baseUrl);
        registry.add("jmlflow.targets." + name + ".token", peer::token);
    }

    @LocalServerPort
    int port;
    @Autowired
    ProvisioningService provisioning;
    @Autowired
    IdentityService identity;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    @BeforeEach
    void anEmployeeWithAccountsAndGroupsInEveryApp() {
        Employee employee = new Employee(EMPLOYEE, "lena.leaver@example.com", "Lena", "Leaver", "Engineering",
                "Developer", "mgr.mia");
        PEERS.forEach((name, peer) -> {
            peer.seedGroup("staff");
            peer.seedGroup("engineering");
            provisioning.ensureUser(name, employee);
            provisioning.addMembership(name, EMPLOYEE, "staff");
            provisioning.addMembership(name, EMPLOYEE, "engineering");
        });
        if (identity.createUserQuery().userId(HR_USER).count() == 0) {
            User hr = identity.newUser(HR_USER);
            hr.setFirstName("Hanna");
            hr.setLastName("HR");
            hr.setEmail("hanna@example.com");
            hr.setPassword(HR_PASSWORD);
            identity.saveUser(hr);
            identity.createMembership(HR_USER, "hr");
        }
        PEERS.forEach((name, peer) -> {
            assertThat(account(peer).active()).as(name + " account before the leaver").isTrue();
            assertThat(groupsOf(peer)).as(name + " groups before the leaver").containsExactlyInAnyOrder("staff", "engineering");
        });
    }

    @Test
    void anImmediateLeaverStartedByHrLeavesEveryAppWithTheAccountInactiveAndInNoGroup() throws Exception {
        HttpResponse<String> started = startLeaverAsHr("""
                {"businessKey": "%s", "variables": {
                  "employeeId": {"value": "%s", "type": "String"},
                  "lastDay": {"value": "%s", "type": "String"},
                  "immediate": {"value": true, "type": "Boolean"},
                  "reason": {"value": "Resigned, leaves today", "type": "String"}}}
                """.formatted(EMPLOYEE, EMPLOYEE, LocalDate.now()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);

        awaitUntil("the leaver has deprovisioned every app and waits for the retention period", () ->
                history.createHistoricActivityInstanceQuery().activityId("Task_NotifyAccessRemoved").finished().count() == 1);

        PEERS.forEach((name, peer) -> {
            assertThat(account(peer).active()).as(name + " account after the leaver").isFalse();
            assertThat(groupsOf(peer)).as(name + " groups after the leaver").isEmpty();
            assertThat(provisioning.link(name, EMPLOYEE)).get().extracting(l -> l.state()).isEqualTo(LinkState.DEACTIVATED);
        });
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(EMPLOYEE).singleResult()).isNotNull();
        assertThat(runtime.createIncidentQuery().count()).isZero();
    }

    private HttpResponse<String> startLeaverAsHr(String json) throws Exception {
        String basic = Base64.getEncoder().encodeToString((HR_USER + ":" + HR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/engine-rest/process-definition/key/leaver/start"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static StoredUser account(ScimSdkPeer peer) {
        List<StoredUser> users = peer.tenant().users().stream().filter(u -> EMPLOYEE.equals(u.externalId())).toList();
        assertThat(users).as("accounts with externalId " + EMPLOYEE + " on " + peer).hasSize(1);
        return users.get(0);
    }

    private static List<String> groupsOf(ScimSdkPeer peer) {
        String id = account(peer).id();
        return peer.tenant().groups().stream().filter(g -> g.memberIds().contains(id)).map(StoredGroup::displayName).toList();
    }

    private static void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited 120 s, but never: " + what);
            }
            Thread.sleep(250);
        }
    }
}
