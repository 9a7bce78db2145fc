package dev.jmlflow.journey;

import static dev.jmlflow.process.EngineRestClient.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.employee.EmployeeRecord;
import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.employee.EmployeeStatus;
import dev.jmlflow.process.EngineRestClient;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application against three real SCIM servers, with Camunda's history of each request deleted as soon as
 * it ends, as history cleanup does after the time to live: an engineer joins, moves and leaves, and the mover and
 * the leaver still know who the employee is, and the registry ends with the facts of all three. Nothing is mocked.
 */
@TestPropertySource(properties = "jmlflow.targets.coginiti.assign=by-rule")
class HistoryCleanupJourneyTest extends FullStackJourney {

    private static final String EMPLOYEE = "E8101";

    @Autowired
    EmployeeRegistry registry;

    @BeforeEach
    void peopleAndGroups() {
        user("hr.hanna", "hr");
        user("mgr.max", "managers");
        coralogix.seedGroup("observability-viewers");
        cortex.seedGroup("engineering");
    }

    @Test
    void theMoverAndTheLeaverKnowTheEmployeeAfterTheHistoryOfEarlierRequestsIsDeleted() throws Exception {
        EngineRestClient hr = as("hr.hanna");
        answering(hr);
        String joiner = joined(EMPLOYEE, hr, as("mgr.max"));
        history.deleteHistoricProcessInstance(joiner);

        // removals only: no approval needed
        HttpResponse<String> moved = hr.start("mover", EMPLOYEE, """
                {"employeeId": {"value": "%s"}, "department": {"value": "Site Reliability"},
                 "jobTitle": {"value": "Site Reliability Engineer"}, "managerId": {"value": "mgr.max"},
                 "effectiveDate": {"value": "%s"}}
                """.formatted(EMPLOYEE, LocalDate.now()));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        String mover = id(moved);
        awaitUntil("the mover has changed every app", () -> ended(mover));
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(mover).variableName("email")
                .singleResult().getValue()).isEqualTo("eli.engineer@example.com");
        assertThat(groupsOf(cortex, EMPLOYEE)).isEmpty();
        history.deleteHistoricProcessInstance(mover);

        HttpResponse<String> left = hr.start("leaver", EMPLOYEE, """
                {"employeeId": {"value": "%s", "type": "String"}, "lastDay": {"value": "%s", "type": "String"},
                 "immediate": {"value": true, "type": "Boolean"}, "reason": {"value": "Resigned", "type": "String"}}
                """.formatted(EMPLOYEE, LocalDate.now()));
        assertThat(left.statusCode()).as(left.body()).isEqualTo(200);
        awaitUntil("the leaver has deactivated every app", () -> history.createHistoricActivityInstanceQuery()
                .activityId("Task_NotifyAccessRemoved").finished().count() == 1);
        assertThat(account(coralogix, EMPLOYEE).active()).isFalse();
        assertThat(registry.find(EMPLOYEE)).contains(new EmployeeRecord(EMPLOYEE, "eli.engineer@example.com", "Eli",
                "Engineer", "Site Reliability", "Site Reliability Engineer", "mgr.max", EmployeeStatus.LEFT,
                LocalDate.now(), LocalDate.now()));
        assertThat(runtime.createIncidentQuery().count()).isZero();
    }

    /**
     * The first request of {@code /engine-rest} in a JVM is slow on a loaded machine (Jersey and the engine warm
     * up); a read absorbs it, because unlike a start it may be repeated.
     */
    private static void answering(EngineRestClient client) throws InterruptedException {
        awaitUntil("the REST API answers", () -> {
            try {
                return client.get("/task?processInstanceBusinessKey=" + EMPLOYEE).isEmpty();
            } catch (IllegalStateException timedOut) {
                return false;
            }
        });
    }
}
