package dev.jmlflow.joiner;

import static dev.jmlflow.process.EngineRestClient.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.process.EngineRestClient;
import dev.jmlflow.provisioning.AccountOrigin;
import dev.jmlflow.provisioning.ProvisioningService;
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
 * The whole application (job executor, REST API, security, the deployed DMN rules) against three real SCIM servers
 * (SCIM-SDK with the Coralogix, Cortex and Coginiti profiles). HR starts a joiner over {@code /engine-rest}, the
 * manager and then an app owner approve over the same API, and afterwards every server holds the account with the
 * approved groups. Nothing is mocked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "jmlflow.admin.user=journey-admin",
    "jmlflow.admin.password=Quiet-Harbour-4-Gates!",
    "jmlflow.targets.coginiti.assign=by-rule",
    "camunda.bpm.job-execution.wait-time-in-millis=200",
    "camunda.bpm.job-execution.max-wait=1000"
})
@DirtiesContext // the REST API finds the engine by its name "default" in a JVM-wide registry
class JoinerJourneyTest {

    @RegisterExtension
    static final ScimSdkPeer coralogix = ScimSdkPeer.withProfile(Profile.CORALOGIX);
    @RegisterExtension
    static final ScimSdkPeer cortex = ScimSdkPeer.withProfile(Profile.CORTEX);
    @RegisterExtension
    static final ScimSdkPeer coginiti = ScimSdkPeer.withProfile(Profile.COGINITI);

    private static final String EMPLOYEE = "E8001";
    private static final String PASSWORD = "Grant-Access-9-Carefully!";

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
    @Autowired
    ProvisioningService provisioning;

    @BeforeEach
    void peopleAndGroups() {
        user("hr.hanna", "hr");
        user("mgr.max", "managers");
        user("owner.olga", "app-owners");
        coralogix.seedGroup("observability-viewers");
        coralogix.seedGroup("observability-admins");
        cortex.seedGroup("engineering");
        cortex.seedGroup("service-owners");
        coginiti.seedGroup("analysts");
        coginiti.seedGroup("data-admins");
    }

    @Test
    void aJoinerApprovedByTheManagerAndTheAppOwnersGetsExactlyTheApprovedAccessOnEveryApp() throws Exception {
        EngineRestClient hr = new EngineRestClient(port, "hr.hanna", PASSWORD);
        EngineRestClient manager = new EngineRestClient(port, "mgr.max", PASSWORD);
        EngineRestClient appOwner = new EngineRestClient(port, "owner.olga", PASSWORD);

        HttpResponse<String> started = hr.start("joiner", EMPLOYEE, """
                {"employeeId": {"value": "%s"}, "givenName": {"value": "Sam"}, "familyName": {"value": "Reliable"},
                 "email": {"value": "sam.reliable@example.com"}, "department": {"value": "Site Reliability"},
                 "jobTitle": {"value": "SRE Lead"}, "managerId": {"value": "mgr.max"},
                 "startDate": {"value": "%s"}, "requestedGroups": {"value": ""}}
                """.formatted(EMPLOYEE, LocalDate.now()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);

        String managerTask = manager.taskId(EMPLOYEE, "approveAccess");
        HttpResponse<String> requesterTries = hr.complete(managerTask, "{\"approved\": {\"value\": true}}");
        assertThat(requesterTries.statusCode()).isNotEqualTo(204);
        HttpResponse<String> tampered = manager.complete(managerTask,
                "{\"approved\": {\"value\": true}, \"managerId\": {\"value\": \"owner.olga\"}}");
        assertThat(tampered.statusCode()).isNotEqualTo(204);
        assertThat(tampered.body()).contains("may set only approved and comment");
        assertThat(manager.complete(managerTask, "{\"approved\": {\"value\": true}, \"comment\": {\"value\": \"welcome\"}}")
                .statusCode()).isEqualTo(204);

        String appOwnerTask = appOwner.taskId(EMPLOYEE, "approveAccess");
        assertThat(appOwner.complete(appOwnerTask, "{\"approved\": {\"value\": true}}").statusCode()).isEqualTo(204);

        awaitUntil("the joiner has provisioned every app", () -> history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(EMPLOYEE).finished().count() == 1);

        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(EMPLOYEE).singleResult()
                .getEndActivityId()).isEqualTo("EndEvent_AccessProvisioned");
        assertThat(groupsOf(coralogix)).containsExactlyInAnyOrder("observability-viewers", "observability-admins");
        assertThat(groupsOf(cortex)).containsExactly("service-owners");
        assertThat(coginiti.tenant().users()).as("coginiti assigns by rule, and no rule names it").isEmpty();
        assertThat(provisioning.link("coralogix", EMPLOYEE)).get().extracting(l -> l.origin()).isEqualTo(AccountOrigin.CREATED);
        assertThat(runtime.createIncidentQuery().count()).isZero();
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

    private static StoredUser account(ScimSdkPeer peer) {
        List<StoredUser> users = peer.tenant().users().stream().filter(u -> EMPLOYEE.equals(u.externalId())).toList();
        assertThat(users).as("accounts with externalId " + EMPLOYEE + " on " + peer).hasSize(1);
        assertThat(users.get(0).active()).isTrue();
        return users.get(0);
    }

    private static List<String> groupsOf(ScimSdkPeer peer) {
        String id = account(peer).id();
        return peer.tenant().groups().stream().filter(g -> g.memberIds().contains(id)).map(StoredGroup::displayName).toList();
    }
}
