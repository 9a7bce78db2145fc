package dev.jmlflow.adversarial;

import static dev.jmlflow.process.EngineRestClient.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.policy.ApprovalDecision;
import dev.jmlflow.policy.ApprovalRecord;
import dev.jmlflow.provisioning.Employee;
import dev.jmlflow.testpeers.PeerHttp;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Approvers and ops work user tasks over {@code /engine-rest} the way an attacker would: completing with variables
 * the task's form does not have, and approving their own request through every task operation. Each attempt is
 * refused with a 4xx, leaves the task open and as it was, and changes nothing on any SCIM server.
 */
@TestPropertySource(properties = "jmlflow.leaver.retention=PT1S")
class TaskAttacksTest extends AttackerJourney {

    private static final String HR = "hr.hugo";
    private static final String MANAGER = "mgr.milo";
    private static final String OWNER = "owner.opal";
    private static final String OPS = "ops.otto";
    /** In hr and managers. */
    private static final String HR_MANAGER = "hr.mgr.sam";
    /** In hr and app-owners. */
    private static final String HR_OWNER = "hr.owner.ike";
    /** In managers and app-owners. */
    private static final String MANAGER_OWNER = "mgr.owner.max";

    @Autowired
    ManagementService management;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void people() throws InterruptedException {
        user(HR, "hr");
        engineRestIsUp(HR);
        user(MANAGER, "managers");
        user(OWNER, "app-owners");
        user(OPS, "it-ops");
        userInTwoGroups(HR_MANAGER, "hr", "managers");
        userInTwoGroups(HR_OWNER, "hr", "app-owners");
        userInTwoGroups(MANAGER_OWNER, "managers", "app-owners");
        if (coralogix.tenant().groups().isEmpty()) {
            coralogix.seedGroup("observability-viewers");
            coralogix.seedGroup("observability-admins");
            cortex.seedGroup("engineering");
            coginiti.seedGroup("analysts");
        }
    }

    private void userInTwoGroups(String id, String first, String second) {
        user(id, first);
        if (identity.createUserQuery().userId(id).memberOfGroup(second).count() == 0) {
            identity.createMembership(id, second);
        }
    }

    private Task awaitTask(String businessKey, String taskKey) throws InterruptedException {
        awaitUntil(taskKey + " of " + businessKey, () -> tasks.createTaskQuery().processInstanceBusinessKey(businessKey)
                .taskDefinitionKey(taskKey).count() == 1);
        awaitUntil("no job left to run", () -> management.createJobQuery().executable().count() == 0);
        return tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey).singleResult();
    }

    private void assertStillOpenAsItWas(Task before) {
        Task now = tasks.createTaskQuery().taskId(before.getId()).singleResult();
        assertThat(now).as("task " + before.getTaskDefinitionKey() + " is still open").isNotNull();
        assertThat(now.getAssignee()).as("its assignee").isEqualTo(before.getAssignee());
        assertThat(now.getOwner()).as("its owner").isEqualTo(before.getOwner());
        assertThat(now.getDelegationState()).as("its delegation").isEqualTo(before.getDelegationState());
    }

    /** The recorded approval decisions, of any request, that name {@code user} as the one who decided. */
    private List<String> decisionsBy(String user) {
        return new JdbcTemplate(dataSource).execute((ConnectionCallback<List<String>>) connection ->
                history.createHistoricProcessInstanceQuery().list().stream()
                        .flatMap(request -> ApprovalRecord.of(connection, request.getId()).stream())
                        .map(ApprovalDecision::describe).filter(line -> line.contains("by " + user)).toList());
    }

    private void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
    }

    private HttpResponse<String> complete(String user, Task task, Map<String, ?> fields) {
        return as(user).post("/task/" + task.getId() + "/complete", "{\"variables\": " + variables(fields) + "}");
    }

    /** An employee with an account in every app; the leaver tests start from here. */
    private void employeeWithAccounts(String employeeId) {
        Employee employee = new Employee(employeeId, employeeId.toLowerCase() + "@example.com", "Lee", "Leaving",
                "Finance", "Accountant", MANAGER);
        APPS.keySet().forEach(app -> provisioning.ensureUser(app, employee));
    }

    private void immediateLeaver(String employeeId) {
        HttpResponse<String> started = start(HR, "leaver", Map.of("employeeId", employeeId,
                "lastDay", LocalDate.now().toString(), "immediate", true, "reason", "Resigned"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    }

    @ParameterizedTest(name = "completing the manager approval with {0} as well is refused")
    @CsvSource({"accessPlan, '{\"targets\":[]}'", "managerId, mgr.owner.max", "employeeId, E0001", "approvalStage, DONE"})
    void anApprovalCompletedWithAVariableItsFormDoesNotHaveIsRefused(String variable, String value) throws Exception {
        String employeeId = "ET1" + Math.abs(variable.hashCode() % 1000);
        joinerAwaitingApproval(HR, employeeId, MANAGER, "");
        Task approval = awaitTask(employeeId, "approveAccess");
        Servers before = servers();

        HttpResponse<String> response = complete(MANAGER, approval, Map.of("approved", true, variable, value));

        assertRefused(response);
        assertStillOpenAsItWas(approval);
        assertUnchanged(before);
    }

    @Test
    void resolvingAnAccountConflictWithAVariableItsFormDoesNotHaveIsRefused() throws Exception {
        coralogix.tenant().seedUser("et201.alex@example.com", "SOMEONE-ELSE", true);
        String approval = joinerAwaitingApproval(HR, "ET201", MANAGER, "");
        assertThat(as(MANAGER).complete(approval, "{\"approved\": {\"value\": true}}").statusCode()).isEqualTo(204);
        Task conflict = awaitTask("ET201", "Task_ResolveAccountConflict");
        Servers before = servers();

        HttpResponse<String> response = complete(OPS, conflict, Map.of("conflictResolution", "link",
                "employeeId", "SOMEONE-ELSE", "accessPlan", "{\"targets\":[]}"));

        assertRefused(response);
        assertStillOpenAsItWas(conflict);
        assertUnchanged(before);
    }

    @Test
    void resolvingABlockedLeaverAccountWithAVariableItsFormDoesNotHaveIsRefused() throws Exception {
        employeeWithAccounts("ET301");
        String cortexId = account(cortex, "ET301").id();
        PeerHttp.Response renamed = new PeerHttp(cortex).patch("/Users/" + cortexId, Map.of(
                "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                "Operations", List.of(Map.of("op", "replace", "path", "userName", "value", "somebody.else@example.com"))));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        immediateLeaver("ET301");
        Task blocked = awaitTask("ET301", "Task_ResolveIdentityMismatch");
        Servers before = servers();

        HttpResponse<String> response = complete(OPS, blocked, Map.of("resolution", "waive", "waiverReason", "gone",
                "accountsToDeactivate", "[]", "employeeId", "E0000"));

        assertRefused(response);
        assertStillOpenAsItWas(blocked);
        assertUnchanged(before);
    }

    @Test
    void approvingADeletionWithAVariableItsFormDoesNotHaveIsRefused() throws Exception {
        employeeWithAccounts("ET401");
        immediateLeaver("ET401");
        Task deletion = awaitTask("ET401", "approveDeletion");
        Servers before = servers();

        HttpResponse<String> response = complete(OWNER, deletion, Map.of("approved", true, "employeeId", "E0000"));

        assertRefused(response);
        assertStillOpenAsItWas(deletion);
        assertUnchanged(before);
    }

    /** A joiner of HR_OWNER's asking for a privileged group, approved by its manager: the app owners' stage is open. */
    private Task ownRequestAtTheAppOwnerStage(String employeeId) throws Exception {
        String managerTask = joinerAwaitingApproval(HR_OWNER, employeeId, MANAGER, "coralogix:observability-admins");
        assertThat(as(MANAGER).complete(managerTask, "{\"approved\": {\"value\": true}}").statusCode()).isEqualTo(204);
        awaitUntil("the app owners' approval of " + employeeId, () -> tasks.createTaskQuery()
                .processInstanceBusinessKey(employeeId).taskDefinitionKey("approveAccess").taskUnassigned().count() == 1);
        return awaitTask(employeeId, "approveAccess");
    }

    @ParameterizedTest(name = "the requester cannot take their own approval by {0}")
    @CsvSource(delimiter = '|', value = {
        "claim|/claim|{\"userId\": \"hr.owner.ike\"}",
        "setAssignee|/assignee|{\"userId\": \"hr.owner.ike\"}",
        "delegate|/delegate|{\"userId\": \"hr.owner.ike\"}",
        "resolve|/resolve|{\"variables\": {\"approved\": {\"value\": true}}}",
        "complete|/complete|{\"variables\": {\"approved\": {\"value\": true}}}",
        "submit-form|/submit-form|{\"variables\": {\"approved\": {\"value\": true}}}"
    })
    void theRequesterCannotApproveTheirOwnRequestThroughAnyTaskOperation(String operation, String path, String body)
            throws Exception {
        String employeeId = "ET5" + Math.abs(operation.hashCode() % 1000);
        Task approval = ownRequestAtTheAppOwnerStage(employeeId);
        Servers before = servers();

        HttpResponse<String> response = as(HR_OWNER).post("/task/" + approval.getId() + path, body);

        assertRefused(response);
        assertStillOpenAsItWas(approval);
        assertThat(decisionsBy(HR_OWNER)).isEmpty();
        assertUnchanged(before);
    }

    @Test
    void anAppOwnerCannotDelegateAnApprovalToTheRequester() throws Exception {
        Task approval = ownRequestAtTheAppOwnerStage("ET601");
        Servers before = servers();

        assertRefused(as(OWNER).post("/task/" + approval.getId() + "/delegate", "{\"userId\": \"" + HR_OWNER + "\"}"));
        assertRefused(as(OWNER).post("/task/" + approval.getId() + "/assignee", "{\"userId\": \"" + HR_OWNER + "\"}"));

        assertStillOpenAsItWas(approval);
        assertUnchanged(before);
    }

    @Test
    void aUserInHrAndManagersWhoNamesThemselfManagerCannotApproveTheRequest() throws Exception {
        Servers before = servers();

        start(HR_MANAGER, "joiner", joiner("ET701", HR_MANAGER));

        for (Task approval : tasks.createTaskQuery().processInstanceBusinessKey("ET701").list()) {
            assertRefused(complete(HR_MANAGER, approval, Map.of("approved", true)));
        }
        assertThat(decisionsBy(HR_MANAGER)).isEmpty();
        assertUnchanged(before);
    }

    @Test
    void aForgedRequesterDoesNotLetTheRealRequesterApproveTheirOwnRequest() throws Exception {
        Servers before = servers();
        Map<String, Object> fields = joiner("ET702", HR_MANAGER);
        fields.put("requester", HR);

        start(HR_MANAGER, "joiner", fields);

        for (Task approval : tasks.createTaskQuery().processInstanceBusinessKey("ET702").list()) {
            assertRefused(complete(HR_MANAGER, approval, Map.of("approved", true)));
        }
        assertThat(decisionsBy(HR_MANAGER)).isEmpty();
        assertUnchanged(before);
    }

    @Test
    void theManagerWhoApprovedTheManagerStageCannotApproveTheAppOwnerStageToo() throws Exception {
        String managerTask = joinerAwaitingApproval(HR, "ET801", MANAGER_OWNER, "coralogix:observability-admins");
        assertThat(as(MANAGER_OWNER).complete(managerTask, "{\"approved\": {\"value\": true}}").statusCode()).isEqualTo(204);
        awaitUntil("the app owners' approval", () -> tasks.createTaskQuery().processInstanceBusinessKey("ET801")
                .taskDefinitionKey("approveAccess").taskUnassigned().count() == 1);
        Task ownerStage = awaitTask("ET801", "approveAccess");
        Servers before = servers();

        HttpResponse<String> response = complete(MANAGER_OWNER, ownerStage, Map.of("approved", true));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(message(response)).isEqualTo("The four-eyes rule stops this on 'Approve access for Alex Attacker'. Decision: "
                + MANAGER_OWNER + " already decided another approval stage of this request and may not complete this task");
        assertStillOpenAsItWas(ownerStage);
        assertUnchanged(before);
    }
}
