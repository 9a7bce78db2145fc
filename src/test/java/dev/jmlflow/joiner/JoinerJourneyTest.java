package dev.jmlflow.joiner;

import static dev.jmlflow.process.EngineRestClient.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.journey.FullStackJourney;
import dev.jmlflow.process.EngineRestClient;
import dev.jmlflow.provisioning.AccountOrigin;
import dev.jmlflow.provisioning.Employee;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application (job executor, REST API, security, the deployed DMN rules) against three real SCIM servers
 * (SCIM-SDK with the Coralogix, Cortex and Coginiti profiles). HR starts a joiner over {@code /engine-rest}, the
 * manager and then an app owner approve over the same API, and afterwards every server holds the account with the
 * approved groups. An employee id that already stands for someone else is refused at the start. Nothing is mocked.
 */
@TestPropertySource(properties = "jmlflow.targets.coginiti.assign=by-rule")
class JoinerJourneyTest extends FullStackJourney {

    private static final String EMPLOYEE = "E8001";
    private static final String EXISTING = "E8002";

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
        EngineRestClient hr = as("hr.hanna");
        EngineRestClient manager = as("mgr.max");
        EngineRestClient appOwner = as("owner.olga");

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
        assertThat(tampered.body()).contains("managerId: is not a field of the form of 'Approve access for Sam Reliable'");
        assertThat(manager.complete(managerTask, "{\"approved\": {\"value\": true}, \"comment\": {\"value\": \"welcome\"}}")
                .statusCode()).isEqualTo(204);

        String appOwnerTask = appOwner.taskId(EMPLOYEE, "approveAccess");
        assertThat(appOwner.complete(appOwnerTask, "{\"approved\": {\"value\": true}}").statusCode()).isEqualTo(204);

        awaitUntil("the joiner has provisioned every app", () -> history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(EMPLOYEE).finished().count() == 1);

        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(EMPLOYEE).singleResult()
                .getEndActivityId()).isEqualTo("EndEvent_AccessProvisioned");
        assertThat(List.of(coralogix, cortex)).allSatisfy(app -> assertThat(account(app, EMPLOYEE).active()).isTrue());
        assertThat(groupsOf(coralogix, EMPLOYEE)).containsExactlyInAnyOrder("observability-viewers", "observability-admins");
        assertThat(groupsOf(cortex, EMPLOYEE)).containsExactly("service-owners");
        assertThat(coginiti.tenant().users()).as("coginiti assigns by rule, and no rule names it").isEmpty();
        assertThat(provisioning.link("coralogix", EMPLOYEE)).get().extracting(l -> l.origin()).isEqualTo(AccountOrigin.CREATED);
        assertThat(runtime.createIncidentQuery().count()).isZero();
    }

    @Test
    void aJoinerThatReusesAnEmployeeIdForAnotherPersonIsRefusedAndNoServerChanges() throws Exception {
        Employee rita = new Employee(EXISTING, "rita.present@example.com", "Rita", "Present", "Engineering", "Developer", "mgr.max");
        provisioning.ensureUser("coralogix", rita);
        provisioning.addMembership("coralogix", EXISTING, rita.userName(), "observability-viewers");
        provisioning.ensureUser("cortex", rita);
        provisioning.addMembership("cortex", EXISTING, rita.userName(), "engineering");
        String serversBefore = servers();

        HttpResponse<String> typo = as("hr.hanna").start("joiner", EXISTING, """
                {"employeeId": {"value": "%s"}, "givenName": {"value": "Eve"}, "familyName": {"value": "Other"},
                 "email": {"value": "eve.other@example.com"}, "department": {"value": "Site Reliability"},
                 "jobTitle": {"value": "SRE Lead"}, "managerId": {"value": "mgr.max"},
                 "startDate": {"value": "%s"}, "requestedGroups": {"value": "cortex:service-owners"}}
                """.formatted(EXISTING, LocalDate.now()));

        assertThat(typo.statusCode()).as(typo.body()).isNotEqualTo(200);
        assertThat(typo.body()).contains("Employee ID: " + EXISTING + " already belongs to rita.present@example.com");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(EXISTING).count()).isZero();
        assertThat(servers()).isEqualTo(serversBefore);
        assertThat(groupsOf(cortex, EXISTING)).containsExactly("engineering");
    }

    /** Every account and group on every server, as the servers hold them. */
    private static String servers() {
        StringBuilder all = new StringBuilder();
        APPS.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(app -> all.append(app.getKey())
                .append(app.getValue().tenant().users()).append(app.getValue().tenant().groups()).append('\n'));
        return all.toString();
    }
}
