package dev.jmlflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.StreamSupport;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import dev.jmlflow.policy.JmlflowGroups;
import dev.jmlflow.sandbox.SandboxCredentials;
import dev.jmlflow.security.EngineRest.Credentials;
import dev.jmlflow.security.EngineRest.Reply;

/**
 * The authorization matrix, through Camunda's REST API over real HTTP, in sandbox mode with the demo users. The
 * real process keys are deployed as small stand-ins (src/test/resources/security-test/) so the grants on
 * joiner, mover and leaver are tested without the real processes' delegates.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.deployment-resource-pattern=classpath*:security-test/*.bpmn",
    "camunda.bpm.job-execution.enabled=false"
})
@DirtiesContext // the REST API finds the engine by its name "default" in a JVM-wide registry
class EngineRestAuthorizationTest {

    private static final String OTHER_HR = "hr-colleague";
    private static final String OTHER_HR_PASSWORD = "Colleague-Pass-42!";

    @LocalServerPort
    int port;
    @Autowired
    SandboxCredentials sandbox;
    @Autowired
    IdentityService identityService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;

    EngineRest rest;

    @BeforeEach
    void setUp() {
        rest = new EngineRest(port);
        if (identityService.createUserQuery().userId(OTHER_HR).count() == 0) {
            User user = identityService.newUser(OTHER_HR);
            user.setPassword(OTHER_HR_PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(OTHER_HR, JmlflowGroups.HR);
        }
    }

    private Credentials as(String user) {
        return OTHER_HR.equals(user) ? new Credentials(OTHER_HR, OTHER_HR_PASSWORD)
                : new Credentials(user, sandbox.passwordOf(user));
    }

    /** Starts a request as the HR demo user, through REST, and returns the instance id. */
    private String requestStartedByHr(String key) {
        Reply reply = rest.post(as("hr"), "/process-definition/key/" + key + "/start",
                "{\"businessKey\":\"E-" + System.nanoTime() + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("id").asText();
    }

    @Test
    void engineRestAnswers401WithoutCredentials() {
        assertThat(rest.get(null, "/process-definition").status()).isEqualTo(401);
        assertThat(rest.get(null, "/task").status()).isEqualTo(401);
        assertThat(rest.get(null, "/history/variable-instance").status()).isEqualTo(401);
        assertThat(rest.deploy(null, "x.bpmn", "<x/>").status()).isEqualTo(401);
    }

    @Test
    void engineRestAnswers401ForAWrongPassword() {
        // manager2 is used by no other test: a failed login makes Camunda throttle that user for a few seconds
        assertThat(rest.get(new Credentials("manager2", "not-the-password"), "/process-definition").status())
                .isEqualTo(401);
    }

    @Test
    void hrSeesTheRequestProcessDefinitionsWithTheirCredentials() {
        Reply reply = rest.get(as("hr"), "/process-definition");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(StreamSupport.stream(reply.json().spliterator(), false).map(d -> d.get("key").asText()))
                .contains("joiner", "mover", "leaver");
    }

    @ParameterizedTest(name = "{0} starting {1} -> {2}")
    @CsvSource({
        "hr,        joiner, 200", "hr,        mover, 200", "hr,        leaver, 200",
        "admin,     joiner, 200", "admin,     mover, 200", "admin,     leaver, 200",
        "manager1,  joiner, 403", "manager1,  mover, 403", "manager1,  leaver, 403",
        "appowner,  joiner, 403", "appowner,  mover, 403", "appowner,  leaver, 403",
        "ops,       joiner, 403", "ops,       mover, 403", "ops,       leaver, 403"
    })
    void onlyHrAndAdminStartRequests(String user, String key, int status) {
        Reply reply = rest.post(as(user), "/process-definition/key/" + key + "/start", "{\"businessKey\":\"E-1\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    }

    @Test
    void aForgedRequesterStartVariableIsRefusedOverRestAndTheRequesterIsTheLoggedInUser() {
        Reply forged = rest.post(as("hr"), "/process-definition/key/joiner/start",
                "{\"businessKey\":\"E-forged\",\"variables\":{\"requester\":{\"value\":\"manager2\"}}}");

        // refused by the engine; the answer's status (400 with the form's label) is the REST error mapper's business
        assertThat(forged.status()).as(forged.body()).isNotEqualTo(200);
        assertThat(forged.body()).contains("requester: is not a field of the start form");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("E-forged").count()).isZero();
        assertThat(runtimeService.getVariable(requestStartedByHr("joiner"), "requester")).isEqualTo("hr");
    }

    @ParameterizedTest(name = "{0} reading a request started by hr -> {1}")
    @CsvSource({"hr, 200", "hr-colleague, 404", "manager1, 404", "appowner, 404", "ops, 200", "admin, 200"})
    void onlyTheRequesterOpsAndAdminReadARequest(String user, int status) {
        String id = requestStartedByHr("leaver");

        assertThat(rest.get(as(user), "/process-instance/" + id).status()).isEqualTo(status);
        assertThat(rest.get(as(user), "/history/process-instance/" + id).status()).isEqualTo(status);
    }

    @Test
    void hrListsOnlyTheRequestsTheyStarted() {
        String mine = requestStartedByHr("leaver");
        Reply colleagues = rest.post(as(OTHER_HR), "/process-definition/key/leaver/start", "{}");
        assertThat(colleagues.status()).isEqualTo(200);

        Reply reply = rest.get(as("hr"), "/history/process-instance?processDefinitionKey=leaver");

        assertThat(StreamSupport.stream(reply.json().spliterator(), false).map(i -> i.get("id").asText()))
                .contains(mine)
                .doesNotContain(colleagues.json().get("id").asText());
    }

    @ParameterizedTest(name = "{0} completing an app owners' task -> {1}")
    @CsvSource({"hr, 403", "manager1, 403", "ops, 403", "appowner, 204", "admin, 204"})
    void onlyTheTasksGroupAndAdminCompleteIt(String user, int status) {
        String id = requestStartedByHr("mover");
        String taskId = taskService.createTaskQuery().processInstanceId(id).singleResult().getId();

        assertThat(rest.post(as(user), "/task/" + taskId + "/complete", "{}").status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} retrying a failed job -> {1}")
    @CsvSource({"hr, 403", "manager1, 403", "appowner, 403", "ops, 204", "admin, 204"})
    void onlyOpsAndAdminRetryAJob(String user, int status) {
        String id = requestStartedByHr("leaver");
        String jobId = managementService.createJobQuery().processInstanceId(id).singleResult().getId();
        managementService.setJobRetries(jobId, 0); // retries exhausted: an incident ops would see in Cockpit

        assertThat(rest.put(as(user), "/job/" + jobId + "/retries", "{\"retries\":1}").status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} updating a variable -> {1}")
    @CsvSource({"hr, 403", "manager1, 403", "appowner, 403", "ops, 403", "admin, 204"})
    void onlyAdminUpdatesAVariable(String user, int status) {
        String id = requestStartedByHr("joiner");

        Reply reply = rest.put(as(user), "/process-instance/" + id + "/variables/department",
                "{\"value\":\"Finance\",\"type\":\"String\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(runtimeService.getVariable(id, "department")).isEqualTo(status == 204 ? "Finance" : null);
    }

    @ParameterizedTest(name = "{0} deploying -> {1}")
    @CsvSource({"hr, 403", "manager1, 403", "appowner, 403", "ops, 403", "admin, 200"})
    void onlyAdminDeploys(String user, int status) {
        String key = "deployed_by_" + user;
        String bpmn = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
                + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"t\">"
                + "<process id=\"" + key + "\" isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\">"
                + "<startEvent id=\"s\"/></process></definitions>";

        assertThat(rest.deploy(as(user), key + ".bpmn", bpmn).status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} may open {1}: {2}")
    @CsvSource({
        "hr, tasklist, true", "hr, cockpit, false", "hr, admin, false",
        "manager1, tasklist, true", "manager1, cockpit, false",
        "appowner, tasklist, true", "appowner, cockpit, false",
        "ops, tasklist, true", "ops, cockpit, true", "ops, admin, false",
        "admin, tasklist, true", "admin, cockpit, true", "admin, admin, true"
    })
    void eachGroupOpensOnlyItsWebapps(String user, String app, boolean authorized) {
        Reply reply = rest.get(as(user), "/authorization/check?permissionName=ACCESS&resourceName=Application"
                + "&resourceType=0&resourceId=" + app);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("authorized").asBoolean()).isEqualTo(authorized);
    }

    @ParameterizedTest(name = "{0} sees the My approvals filter: {1}")
    @CsvSource({"manager1, true", "appowner, true", "hr, false", "ops, false"})
    void managersAndAppOwnersSeeTheMyApprovalsFilter(String user, boolean visible) {
        Reply reply = rest.get(as(user), "/filter?resourceType=Task");

        assertThat(StreamSupport.stream(reply.json().spliterator(), false).map(f -> f.get("name").asText()))
                .contains(IdentitySetup.MY_TASKS_FILTER)
                .matches(names -> names.contains(IdentitySetup.MY_APPROVALS_FILTER) == visible);
    }

    @Test
    void myApprovalsShowsAManagerTheApprovalsOfTheirGroup() {
        requestStartedByHr("joiner");
        String filterId = StreamSupport.stream(rest.get(as("manager1"), "/filter?resourceType=Task").json()
                .spliterator(), false)
                .filter(f -> f.get("name").asText().equals(IdentitySetup.MY_APPROVALS_FILTER))
                .findFirst().orElseThrow().get("id").asText();

        Reply reply = rest.get(as("manager1"), "/filter/" + filterId + "/count");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("count").asLong()).isPositive();
        assertThat(rest.get(as("appowner"), "/filter/" + filterId + "/count").json().get("count").asLong())
                .isZero();
    }
}
