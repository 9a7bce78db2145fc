package dev.jmlflow.journey;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jmlflow.targets.Dialect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.process.EngineRestClient;
import dev.jmlflow.provisioning.ProvisioningService;
import dev.jmlflow.sandbox.scimserver.Profile;
import dev.jmlflow.sandbox.scimserver.StoredGroup;
import dev.jmlflow.sandbox.scimserver.StoredUser;
import dev.jmlflow.testpeers.ScimSdkPeer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application (job executor, REST API, security) against three real SCIM servers: SCIM-SDK with the
 * Coralogix, Cortex and Coginiti profiles, configured as the targets of those names. A journey adds its own
 * properties with {@code @TestPropertySource}, creates its people with {@link #user} and drives the app over
 * {@code /engine-rest} as one of them ({@link #as}). Nothing is mocked.
 * <p>
 * The peers are started before and stopped after each test class, so every journey starts with empty servers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "jmlflow.admin.user=journey-admin",
    "jmlflow.admin.password=Quiet-Harbour-4-Gates!",
    "camunda.bpm.job-execution.wait-time-in-millis=200",
    "camunda.bpm.job-execution.max-wait=1000"
})
@DirtiesContext // the REST API finds the engine by its name "default" in a JVM-wide registry
public abstract class FullStackJourney {

    @RegisterExtension
    protected static final ScimSdkPeer coralogix = ScimSdkPeer.withProfile(Profile.imitating(Dialect.CORALOGIX));
    @RegisterExtension
    protected static final ScimSdkPeer cortex = ScimSdkPeer.withProfile(Profile.imitating(Dialect.CORTEX));
    @RegisterExtension
    protected static final ScimSdkPeer coginiti = ScimSdkPeer.withProfile(Profile.imitating(Dialect.COGINITI));

    /** Target name -> its server; each target's dialect is its name. */
    protected static final Map<String, ScimSdkPeer> APPS = Map.of("coralogix", coralogix, "cortex", cortex, "coginiti", coginiti);

    protected static final String PASSWORD = "Grant-Access-9-Carefully!";

    @DynamicPropertySource
    static void targets(DynamicPropertyRegistry registry) {
        APPS.forEach((name, peer) -> {
            registry.add("jmlflow.targets." + name + ".dialect", () -> name);
            registry.add("jmlflow.targets." + name + ".base-url", peer::baseUrl);
            registry.add("jmlflow.targets." + name + ".token", peer::token);
        });
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected IdentityService identity;
    @Autowired
    protected RuntimeService runtime;
    @Autowired
    protected HistoryService history;
    @Autowired
    protected ProvisioningService provisioning;

    /** A Camunda user in the group, once per application context (the database outlives a single test). */
    protected void user(String id, String group) {
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

    /** {@code /engine-rest} as a user created with {@link #user}. */
    protected EngineRestClient as(String user) {
        return new EngineRestClient(port, user, PASSWORD);
    }

    /**
     * Waits until {@code /engine-rest} answers: Jersey starts on the first request, which on a loaded machine can
     * take longer than one request's timeout.
     */
    protected void engineRestIsUp(String user) throws InterruptedException {
        EngineRestClient.awaitUntil("/engine-rest answers", () -> {
            try {
                return as(user).post("/engine", "").statusCode() > 0;
            } catch (IllegalStateException e) {
                return false;
            }
        });
    }

    /** The one account on the server that carries the employee id as its externalId. */
    protected static StoredUser account(ScimSdkPeer peer, String employeeId) {
        List<StoredUser> users = peer.tenant().users().stream().filter(u -> employeeId.equals(u.externalId())).toList();
        assertThat(users).as("accounts with externalId " + employeeId + " on " + peer).hasSize(1);
        return users.get(0);
    }

    /** The display names of the groups the employee's account is a member of. */
    protected static List<String> groupsOf(ScimSdkPeer peer, String employeeId) {
        String id = account(peer, employeeId).id();
        return peer.tenant().groups().stream().filter(g -> g.memberIds().contains(id)).map(StoredGroup::displayName).toList();
    }

    /** Eli Engineer joins over REST, their manager approves, and every app is provisioned; the joiner's instance id. */
    protected String joined(String employeeId, EngineRestClient hr, EngineRestClient manager) throws InterruptedException {
        HttpResponse<String> started = hr.start("joiner", employeeId, """
                {"employeeId": {"value": "%s"}, "givenName": {"value": "Eli"}, "familyName": {"value": "Engineer"},
                 "email": {"value": "eli.engineer@example.com"}, "department": {"value": "Engineering"},
                 "jobTitle": {"value": "Software Engineer"}, "managerId": {"value": "mgr.max"},
                 "startDate": {"value": "%s"}}
                """.formatted(employeeId, LocalDate.now()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String joiner = id(started);
        assertThat(manager.complete(manager.taskId(employeeId, "approveAccess"), "{\"approved\": {\"value\": true}}")
                .statusCode()).isEqualTo(204);
        EngineRestClient.awaitUntil("the joiner has provisioned every app", () -> ended(joiner));
        return joiner;
    }

    protected boolean ended(String processInstanceId) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).finished().count() == 1;
    }

    protected static String id(HttpResponse<String> started) {
        try {
            return new ObjectMapper().readTree(started.body()).path("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
