package dev.jmlflow.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import dev.jmlflow.policy.JmlflowGroups;
import dev.jmlflow.sandbox.AppHttp;
import dev.jmlflow.sandbox.SandboxCredentials;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The request view over HTTP on the app in sandbox mode, with the job executor off: joiners started by two HR users
 * wait for their manager's approval. Who sees which request, the states in words, and the CSV.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=false"
})
@DirtiesContext // the webapps find the engine by its name "default" in a JVM-wide registry
class RequestsPageTest {

    /** A second HR member, who must not see what "hr" started, nor "hr" what they started. */
    private static final String OTHER_HR = "hr-other";
    private static final String PASSWORD = "Kestrel-Lamp-58!";

    @LocalServerPort
    int port;
    @Autowired
    SandboxCredentials demoUsers;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    IdentityService identity;

    private String mine;
    private String theirs;

    @BeforeEach
    void twoHrUsersEachStartAJoiner() {
        if (identity.createUserQuery().userId(OTHER_HR).count() == 0) {
            User user = identity.newUser(OTHER_HR);
            user.setPassword(PASSWORD);
            user.setFirstName("Olga");
            user.setLastName("Other");
            identity.saveUser(user);
            identity.createMembership(OTHER_HR, JmlflowGroups.HR);
        }
        mine = startJoiner("hr", "Ada", "Lovelace");
        theirs = startJoiner(OTHER_HR, "Grace", "Hopper");
    }

    @Test
    void hrSeesTheirJoinerWaitingForApprovalByTheManagersName() {
        HttpResponse<String> page = get("/requests", "hr");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("requests/" + mine).contains("Ada Lovelace")
                .contains("waiting for approval by Max Lind");
    }

    @Test
    void hrCannotSeeAnotherHrUsersRequestInTheListByItsAddressOrInTheCsv() {
        assertThat(get("/requests", "hr").body()).doesNotContain(theirs).doesNotContain("Grace Hopper");
        assertThat(get("/requests/" + theirs, "hr").statusCode()).isEqualTo(404);
        assertThat(get("/requests/" + theirs + ".csv", "hr").statusCode()).isEqualTo(404);
        assertThat(get("/requests.csv", "hr").body()).contains(mine).doesNotContain(theirs);
        assertThat(get("/requests/" + mine, OTHER_HR).statusCode()).isEqualTo(404);
    }

    @Test
    void itOpsSeeEveryRequest() {
        assertThat(get("/requests", "ops").body()).contains(mine, theirs);
        assertThat(get("/requests/" + theirs, "ops").statusCode()).isEqualTo(200);
    }

    @Test
    void aManagerSeesTheRequestsTheyApproveAndNoOthers() {
        assertThat(get("/requests", "manager1").body()).contains(mine, theirs);
        assertThat(get("/requests", "manager2").body()).doesNotContain(mine).doesNotContain(theirs);
        assertThat(get("/requests/" + mine, "manager2").statusCode()).isEqualTo(404);
    }

    @Test
    void withoutALoginThePageAnswers401WithALinkToTasklist() {
        HttpResponse<String> page = new AppHttp(port).send(new AppHttp(port).request("/requests").GET());

        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.body()).contains("href=\"/camunda/app/tasklist/\"").doesNotContain("Lovelace");
    }

    @Test
    void theTasklistSessionIsEnoughToSeeTheRequests() {
        AppHttp browser = new AppHttp(port);
        assertThat(browser.loginToTasklist("hr", demoUsers.passwordOf("hr")).statusCode()).isEqualTo(200);

        HttpResponse<String> page = browser.send(browser.request("/requests").GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Logged in as hr", "requests/" + mine).doesNotContain(theirs);
    }

    @Test
    void aRejectedRequestShowsTheCommentAndItsCsvQuotesIt() {
        decide(mine, false, "Wrong team, ask \"again\"");
        management.createJobQuery().processInstanceId(mine).executable().list()
                .forEach(job -> management.executeJob(job.getId())); // the rejection mail

        assertThat(get("/requests/" + mine, "hr").body())
                .contains("rejected: Wrong team, ask &quot;again&quot; (Max Lind)");
        HttpResponse<String> csv = get("/requests/" + mine + ".csv", "hr");
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(value -> assertThat(value).contains("attachment"));
        assertThat(csv.body()).startsWith("request_id,process,employee_id,app,step,detail,result,by,started,ended\r\n")
                .contains(",requested,joiner ", ",Hanna Reyes,")
                .contains(",rejected (manager),\"Wrong team, ask \"\"again\"\"\",rejected,Max Lind,");
    }

    @Test
    void valuesTypedIntoTheFormAreEscapedOnThePage() {
        String scripted = startJoiner("hr", "Zoë", "O'Brien");

        assertThat(get("/requests/" + scripted, "hr").body()).contains("Zo&euml; O&#39;Brien").doesNotContain("O'Brien");
    }

    private String startJoiner(String hr, String givenName, String familyName) {
        String employeeId = "E" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        return as(hr, List.of(JmlflowGroups.HR), () -> runtime.startProcessInstanceByKey("joiner", employeeId,
                Map.of("employeeId", employeeId, "givenName", givenName, "familyName", familyName,
                        "email", employeeId.toLowerCase() + "@example.com", "department", "Finance",
                        "jobTitle", "Accountant", "managerId", "manager1", "startDate", LocalDate.now().toString()))
                .getId());
    }

    private void decide(String request, boolean approved, String comment) {
        Task approval = tasks.createTaskQuery().processInstanceId(request).taskDefinitionKey("approveAccess").singleResult();
        as("manager1", List.of(JmlflowGroups.MANAGERS), () -> {
            tasks.complete(approval.getId(), Map.of("approved", approved, "comment", comment));
            return null;
        });
    }

    private <T> T as(String userId, List<String> groups, Supplier<T> work) {
        identity.setAuthentication(userId, groups);
        try {
            return work.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    private HttpResponse<String> get(String path, String user) {
        AppHttp http = new AppHttp(port);
        String password = OTHER_HR.equals(user) ? PASSWORD : demoUsers.passwordOf(user);
        return http.send(http.request(path).header("Authorization", AppHttp.basic(user, password)).GET());
    }
}
