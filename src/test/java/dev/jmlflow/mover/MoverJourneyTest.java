package dev.jmlflow.mover;

import static dev.jmlflow.process.EngineRestClient.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.process.EngineRestClient;
import dev.jmlflow.sandbox.scimserver.Profile;
import dev.jmlflow.sandbox.scimserver.StoredGroup;
import dev.jmlflow.sandbox.scimserver.StoredUser;
import dev.jmlflow.testpeers.ScimSdkPeer;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
 * The whole application against three real SCIM servers (SCIM-SDK, Coralogix/Cortex/Coginiti profiles): an
 * engineer joins (HR starts, the manager approves), then HR moves them to Site Reliability under a new manager.
 * The new manager and an app owner approve the additions over {@code /engine-rest}; the removal needs nobody.
 * Afterwards the servers hold the new groups and no longer the old one. Nothing is mocked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "jmlflow.admin.user=journey-admin",
    "jmlflow.admin.password=Quiet-Harbour-4-Gates!",
    "jmlflow.targets.coginiti.assign=by-rule",
    "camunda.bpm.job-execution.wait-time-in-millis=200",
    "camunda.bpm.job-execution.max-wait=1000"
})
@DirtiesContext // the REST API finds the engine by its name "default" in a JVM-wide registry
class MoverJourneyTest {

    @RegisterExtension
    static final ScimSdkPeer coralogix = ScimSdkPeer.withProfile(Profile.CORALOGIX);
    @RegisterExtension
    static final ScimSdkPeer cortex = ScimSdkPeer.withProfile(Profile.CORTEX);
    @RegisterExtension
    static final ScimSdkPeer coginiti = ScimSdkPeer.withProfile(Profile.COGINITI);

    private static final String EMPLOYEE = "E8002";
    private static final String PASSWORD = "Move-Access-8-Safely!";

    @DynamicPropertySource
    static void targets(DynamicPropertyRegistry registry) {
        Map.of("coralogix", coralogix, "cortex", cortex, "coginiti", coginiti).forEach((name, peer) -> {
            registry.add("jmlflow.targets." + name + ".dialect", () -> name);
            registry.add("jmlflow.targets." + name + ".base-url", peer::baseUrl);
            registry.add("jmlflow.targets." + name + ".token", peer::token);
        });
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    @BeforeEach
    void peopleAndGroups() {
        user("hr.hanna", "hr");
        user("mgr.max", "managers");
        user("mgr.mona", "managers");
        user("owner.olga", "app-owners");
        coralogix.seedGroup("observability-viewers");
        coralogix.seedGroup("observability-admins");
        cortex.seedGroup("engineering");
        cortex.seedGroup("service-owners");
    }

    @Test
    void aMovedEngineerGetsTheApprovedNewGroupsAndLosesTheOldOneWithoutAnApproval() throws Exception {
        EngineRestClient hr = new EngineRestClient(port, "hr.hanna", PASSWORD);
        joined(hr, new EngineRestClient(port, "mgr.max", PASSWORD));
        assertThat(groupsOf(cortex)).containsExactly("engineering");

        HttpResponse<String> started = hr.start("mover", EMPLOYEE, """
                {"employeeId": {"value": "%s"}, "department": {"value": "Site Reliability"},
                 "jobTitle": {"value": "SRE Lead"}, "managerId": {"value": "mgr.mona"}, "effectiveDate": {"value": "%s"}}
                """.formatted(EMPLOYEE, LocalDate.now()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);

        EngineRestClient newManager = new EngineRestClient(port, "mgr.mona", PASSWORD);
        awaitUntil("the new manager has the approval", () -> !newManager
                .get("/task?processInstanceBusinessKey=" + EMPLOYEE + "&taskDefinitionKey=approveAccess").isEmpty());
        assertThat(newManager.complete(newManager.taskId(EMPLOYEE, "approveAccess"), "{\"approved\": {\"value\": true}}")
                .statusCode()).isEqualTo(204);
        EngineRestClient appOwner = new EngineRestClient(port, "owner.olga", PASSWORD);
        assertThat(appOwner.complete(appOwner.taskId(EMPLOYEE, "approveAccess"), "{\"approved\": {\"value\": true}}")
                .statusCode()).isEqualTo(204);

        awaitUntil("the mover has changed every app", () -> history.createHistoricProcessInstanceQuery()
                .processDefinitionKey("mover").processInstanceBusinessKey(EMPLOYEE).finished().count() == 1);

        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("mover")
                .processInstanceBusinessKey(EMPLOYEE).singleResult().getEndActivityId()).isEqualTo("EndEvent_ChangeApplied");
        assertThat(groupsOf(coralogix)).containsExactlyInAnyOrder("observability-viewers", "observability-admins");
        assertThat(groupsOf(cortex)).containsExactly("service-owners");
        assertThat(runtime.createIncidentQuery().count()).isZero();
    }

    private void joined(EngineRestClient hr, EngineRestClient manager) throws InterruptedException {
        HttpResponse<String> started = hr.start("joiner", EMPLOYEE, """
                {"employeeId": {"value": "%s"}, "givenName": {"value": "Eli"}, "familyName": {"value": "Engineer"},
                 "email": {"value": "eli.engineer@example.com"}, "department": {"value": "Engineering"},
                 "jobTitle": {"value": "Software Engineer"}, "managerId": {"value": "mgr.max"},
                 "startDate": {"value": "%s"}}
                """.formatted(EMPLOYEE, LocalDate.now()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(manager.complete(manager.taskId(EMPLOYEE, "approveAccess"), "{\"approved\": {\"value\": true}}")
                .statusCode()).isEqualTo(204);
        awaitUntil("the joiner has provisioned every app", () -> history.createHistoricProcessInstanceQuery()
                .processDefinitionKey("joiner").processInstanceBusinessKey(EMPLOYEE).finished().count() == 1);
    }

    private void user(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Journey");
            user.setEmail(id + "@example.com");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }

    private static List<String> groupsOf(ScimSdkPeer peer) {
        List<StoredUser> users = peer.tenant().users().stream().filter(u -> EMPLOYEE.equals(u.externalId())).toList();
        assertThat(users).as("accounts with externalId " + EMPLOYEE + " on " + peer).hasSize(1);
        String id = users.get(0).id();
        return peer.tenant().groups().stream().filter(g -> g.memberIds().contains(id)).map(StoredGroup::displayName).toList();
    }
}
