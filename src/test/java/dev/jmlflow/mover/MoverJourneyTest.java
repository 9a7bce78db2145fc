package dev.jmlflow.mover;

import static dev.jmlflow.process.EngineRestClient.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.journey.FullStackJourney;
import dev.jmlflow.process.EngineRestClient;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application against three real SCIM servers (SCIM-SDK, Coralogix/Cortex/Coginiti profiles): an
 * engineer joins (HR starts, the manager approves), then HR moves them to Site Reliability under a new manager.
 * The new manager and an app owner approve the additions over {@code /engine-rest}; the removal needs nobody.
 * Afterwards the servers hold the new groups and no longer the old one. Nothing is mocked.
 */
@TestPropertySource(properties = "jmlflow.targets.coginiti.assign=by-rule")
class MoverJourneyTest extends FullStackJourney {

    private static final String EMPLOYEE = "E8002";

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
        EngineRestClient hr = as("hr.hanna");
        joined(EMPLOYEE, hr, as("mgr.max"));
        assertThat(groupsOf(cortex, EMPLOYEE)).containsExactly("engineering");

        HttpResponse<String> started = hr.start("mover", EMPLOYEE, """
                {"employeeId": {"value": "%s"}, "department": {"value": "Site Reliability"},
                 "jobTitle": {"value": "SRE Lead"}, "managerId": {"value": "mgr.mona"}, "effectiveDate": {"value": "%s"}}
                """.formatted(EMPLOYEE, LocalDate.now()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);

        EngineRestClient newManager = as("mgr.mona");
        awaitUntil("the new manager has the approval", () -> !newManager
                .get("/task?processInstanceBusinessKey=" + EMPLOYEE + "&taskDefinitionKey=approveAccess").isEmpty());
        assertThat(newManager.complete(newManager.taskId(EMPLOYEE, "approveAccess"), "{\"approved\": {\"value\": true}}")
                .statusCode()).isEqualTo(204);
        EngineRestClient appOwner = as("owner.olga");
        assertThat(appOwner.complete(appOwner.taskId(EMPLOYEE, "approveAccess"), "{\"approved\": {\"value\": true}}")
                .statusCode()).isEqualTo(204);

        awaitUntil("the mover has changed every app", () -> history.createHistoricProcessInstanceQuery()
                .processDefinitionKey("mover").processInstanceBusinessKey(EMPLOYEE).finished().count() == 1);

        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("mover")
                .processInstanceBusinessKey(EMPLOYEE).singleResult().getEndActivityId()).isEqualTo("EndEvent_ChangeApplied");
        assertThat(groupsOf(coralogix, EMPLOYEE)).containsExactlyInAnyOrder("observability-viewers", "observability-admins");
        assertThat(groupsOf(cortex, EMPLOYEE)).containsExactly("service-owners");
        assertThat(runtime.createIncidentQuery().count()).isZero();
    }
}
