package dev.jmlflow.masschange;

import static dev.jmlflow.process.EngineRestClient.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.jmlflow.employee.EmployeeRecord;
import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.employee.EmployeeStatus;
import dev.jmlflow.journey.FullStackJourney;
import dev.jmlflow.process.EngineRestClient;
import dev.jmlflow.provisioning.Employee;
import dev.jmlflow.provisioning.MassChangeDecisions;
import dev.jmlflow.testpeers.ScimSdkPeer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The mass-change guard on the whole app, with a threshold of 2: scheduled (not immediate) leavers of one target
 * pass it, and the ones after are held. Their app owners get one task per hold in Tasklist and one mail, decide
 * over {@code /engine-rest} as Tasklist does, and only they may. Each test uses a target of its own.
 */
@TestPropertySource(properties = {
    "camunda.bpm.deployment-resource-pattern=classpath*:processes/leaver.bpmn,classpath*:processes/mass-change-hold.bpmn,classpath*:forms/*.form",
    "jmlflow.mass-change-guard.threshold=2",
    "jmlflow.targets.cortex.owner-group=cortex-owners",
    "spring.mail.properties.mail.from=jmlflow@example.com"
})
class MassChangeHoldJourneyTest extends FullStackJourney {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    private static final String HR = "hr.hold";
    private static final String CORTEX_OWNER = "owner.cortex";
    private static final String APP_OWNER = "owner.apps";
    private static final String OPS = "ops.hold";

    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    MassChangeDecisions guard;
    @Autowired
    EmployeeRegistry employees;

    @BeforeEach
    void people() throws InterruptedException {
        if (identity.createGroupQuery().groupId("cortex-owners").count() == 0) {
            identity.saveGroup(identity.newGroup("cortex-owners"));
        }
        user(HR, "hr");
        user(CORTEX_OWNER, "cortex-owners");
        user(APP_OWNER, "app-owners");
        user(OPS, "it-ops");
        engineRestIsUp(HR);
    }

    @Test
    void aHoldOpensOneTaskListingTheHeldChangesAllowOneLetsExactlyOneThroughAndStopMakesTheRestIncidents() throws Exception {
        leaveOn("cortex", "E8101", "E8102");
        awaitUntil("two cortex accounts deactivated", () -> inactive(cortex) == 2);
        leaveOn("cortex", "E8103");
        awaitUntil("E8103 held", () -> held("cortex").contains("E8103"));
        leaveOn("cortex", "E8104");
        awaitUntil("E8104 held", () -> held("cortex").contains("E8104"));

        Task hold = awaitHoldTask("cortex");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey("cortex").count()).isEqualTo(1);
        assertThat(hold.getName()).isEqualTo("Held changes on cortex: allow more or stop");
        assertThat(tasks.createTaskQuery().taskId(hold.getId()).taskCandidateGroup("cortex-owners").count()).isEqualTo(1);
        awaitUntil("the task lists both held changes", () -> heldChangesShown(hold).contains("E8104"));
        assertThat(heldChangesShown(hold)).contains("- E8103 (Hal Held): deactivate, held since ", "- E8104 (Hal Held): deactivate");
        assertThat(tasks.getVariable(hold.getId(), "heldCount")).isEqualTo(2);

        assertThat(complete(CORTEX_OWNER, hold, "{\"decision\": {\"value\": \"allow\"}, \"more\": {\"value\": 1}}")
                .statusCode()).isEqualTo(204);
        // woken at once: the recheck (5 min) is far longer than the wait
        awaitUntil("one more cortex account deactivated", () -> inactive(cortex) == 3);
        Task second = awaitHoldTask("cortex");
        assertThat(second.getId()).isNotEqualTo(hold.getId());
        assertThat(held("cortex")).hasSize(1);
        assertThat(inactive(cortex)).isEqualTo(3);
        String stopped = held("cortex").get(0);

        assertThat(complete(CORTEX_OWNER, second, "{\"decision\": {\"value\": \"stop\"}}").statusCode()).isEqualTo(204);
        awaitUntil("the stopped change is an incident", () -> !incidents().isEmpty());
        assertThat(incidents()).singleElement().satisfies(incident ->
                assertThat(incident.getIncidentMessage()).contains("target cortex", "stopped by the app owner"));
        assertThat(account(cortex, stopped).active()).isTrue();
        assertThat(inactive(cortex)).isEqualTo(3);
    }

    @Test
    void onlyTheTargetsOwnersMayClaimOrDecideAHoldAndOnlyWithTheFormsFields() throws Exception {
        leaveOn("coginiti", "E8201", "E8202", "E8203");
        Task hold = awaitHoldTask("coginiti");

        for (String outsider : List.of(HR, CORTEX_OWNER, OPS)) {
            HttpResponse<String> completed = complete(outsider, hold, "{\"decision\": {\"value\": \"allow\"}, \"more\": {\"value\": 5}}");
            assertThat(completed.statusCode()).as(outsider + " completes: " + completed.body()).isEqualTo(403);
            HttpResponse<String> claimed = as(outsider).post("/task/" + hold.getId() + "/claim", "{\"userId\": \"" + outsider + "\"}");
            assertThat(claimed.statusCode()).as(outsider + " claims: " + claimed.body()).isEqualTo(403);
        }
        HttpResponse<String> forged = complete(APP_OWNER, hold,
                "{\"decision\": {\"value\": \"allow\"}, \"more\": {\"value\": 1}, \"ownerGroup\": {\"value\": \"hr\"}}");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("ownerGroup: is not a field of the form");
        HttpResponse<String> none = complete(APP_OWNER, hold, "{\"decision\": {\"value\": \"allow\"}, \"more\": {\"value\": 0}}");
        assertThat(none.statusCode()).isEqualTo(400);
        // the refusal names the field by its form label
        assertThat(none.body()).contains("How many more changes may go through: must be a whole number from 1");
        HttpResponse<String> neither = complete(APP_OWNER, hold, "{\"decision\": {\"value\": \"later\"}}");
        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(neither.body()).contains("Decision: choose allow or stop");

        assertThat(tasks.createTaskQuery().taskId(hold.getId()).singleResult().getAssignee()).isNull();
        // the three leavers run at once: any one of them is the third change, the one held
        assertThat(held("coginiti")).singleElement().isIn("E8201", "E8202", "E8203");
        assertThat(inactive(coginiti)).isEqualTo(2);
    }

    @Test
    void aHoldMailsTheTargetsOwnersAndOpsOnceWithTheNumbersAndALinkToTheTask() throws Exception {
        leaveOn("coralogix", "E8301", "E8302", "E8303");
        Task hold = awaitHoldTask("coralogix");
        // the three leavers run at once: any one of them is the third change, the one the hold starts with
        String firstHeld = held("coralogix").get(0);
        assertThat(firstHeld).isIn("E8301", "E8302", "E8303");
        leaveOn("coralogix", "E8304");
        awaitUntil("E8304 held", () -> held("coralogix").contains("E8304"));

        // GreenMail keeps one copy per recipient: one mail is one Message-ID
        List<MimeMessage> mails = Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> subject(m).contains("Held changes on coralogix"))
                .collect(Collectors.toMap(MassChangeHoldJourneyTest::messageId, m -> m, (first, copy) -> first))
                .values().stream().toList();
        assertThat(mails).singleElement().satisfies(mail -> {
            assertThat(subject(mail)).isEqualTo("[jmlflow] Held changes on coralogix: allow more or stop");
            assertThat(Arrays.stream(mail.getAllRecipients()).map(Object::toString))
                    .contains(APP_OWNER + "@example.com", OPS + "@example.com").doesNotContain(HR + "@example.com");
            assertThat(GreenMailUtil.getBody(mail)).contains("coralogix", "more than 2", "within 1h", "Held so far: 1",
                    firstHeld, hold.getId());
        });
    }

    /** Each employee has an account on the target only, and leaves at the end of today, which comes at once. */
    private void leaveOn(String target, String... employeeIds) {
        for (String id : employeeIds) {
            Employee employee = new Employee(id, id.toLowerCase() + "@example.com", "Hal", "Held", "Engineering", "Developer", "mgr.mo");
            employees.save(new EmployeeRecord(id, employee.userName(), "Hal", "Held", "Engineering", "Developer", "mgr.mo",
                    EmployeeStatus.ACTIVE, LocalDate.now().minusYears(1), null));
            provisioning.ensureUser(target, employee);
            HttpResponse<String> started = as(HR).start("leaver", id, """
                    {"employeeId": {"value": "%s", "type": "String"},
                     "lastDay": {"value": "%s", "type": "String"},
                     "immediate": {"value": false, "type": "Boolean"},
                     "reason": {"value": "Resigned", "type": "String"}}
                    """.formatted(id, LocalDate.now()));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult().getId();
            management.createJobQuery().processInstanceId(instance).timers().list()
                    .forEach(timer -> management.setJobDuedate(timer.getId(), new Date()));
        }
    }

    private Task awaitHoldTask(String target) throws InterruptedException {
        awaitUntil("a hold task on " + target, () -> tasks.createTaskQuery().processDefinitionKey("mass-change-hold")
                .processInstanceBusinessKey(target).count() == 1);
        return tasks.createTaskQuery().processDefinitionKey("mass-change-hold").processInstanceBusinessKey(target).singleResult();
    }

    private HttpResponse<String> complete(String user, Task task, String variables) {
        return as(user).complete(task.getId(), variables);
    }

    private String heldChangesShown(Task task) {
        return (String) tasks.getVariable(task.getId(), "heldChanges");
    }

    private List<String> held(String target) {
        return guard.held(target).stream().map(MassChangeDecisions.HeldChange::employeeId).toList();
    }

    private List<Incident> incidents() {
        return runtime.createIncidentQuery().list().stream()
                .filter(incident -> incident.getIncidentMessage() != null && incident.getIncidentMessage().contains("target cortex"))
                .toList();
    }

    private static long inactive(ScimSdkPeer peer) {
        return peer.tenant().users().stream().filter(u -> !u.active()).count();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
