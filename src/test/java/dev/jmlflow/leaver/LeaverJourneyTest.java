package dev.jmlflow.leaver;

import static dev.jmlflow.process.EngineRestClient.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.journey.FullStackJourney;
import dev.jmlflow.provisioning.Employee;
import dev.jmlflow.provisioning.LinkState;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application with its job executor, REST API and security, against three real SCIM servers (SCIM-SDK,
 * with the update styles of Coralogix, Cortex and Coginiti). HR starts an immediate leaver over
 * {@code /engine-rest}; afterwards every server shows the account inactive and in no group. Nothing is mocked.
 */
// only the leaver and its forms: this test must not depend on the state of the other processes
@TestPropertySource(properties = "camunda.bpm.deployment-resource-pattern=classpath*:processes/leaver.bpmn,classpath*:forms/*.form")
class LeaverJourneyTest extends FullStackJourney {

    private static final String EMPLOYEE = "E7001";

    @BeforeEach
    void anEmployeeWithAccountsAndGroupsInEveryApp() {
        Employee employee = new Employee(EMPLOYEE, "lena.leaver@example.com", "Lena", "Leaver", "Engineering",
                "Developer", "mgr.mia");
        APPS.forEach((name, peer) -> {
            peer.seedGroup("staff");
            peer.seedGroup("engineering");
            provisioning.ensureUser(name, employee);
            provisioning.addMembership(name, EMPLOYEE, employee.userName(), "staff");
            provisioning.addMembership(name, EMPLOYEE, employee.userName(), "engineering");
        });
        user("hr.hanna", "hr");
        APPS.forEach((name, peer) -> {
            assertThat(account(peer, EMPLOYEE).active()).as(name + " account before the leaver").isTrue();
            assertThat(groupsOf(peer, EMPLOYEE)).as(name + " groups before the leaver")
                    .containsExactlyInAnyOrder("staff", "engineering");
        });
    }

    @Test
    void anImmediateLeaverStartedByHrLeavesEveryAppWithTheAccountInactiveAndInNoGroup() throws Exception {
        HttpResponse<String> started = as("hr.hanna").start("leaver", EMPLOYEE, """
                {"employeeId": {"value": "%s", "type": "String"},
                 "lastDay": {"value": "%s", "type": "String"},
                 "immediate": {"value": true, "type": "Boolean"},
                 "reason": {"value": "Resigned, leaves today", "type": "String"}}
                """.formatted(EMPLOYEE, LocalDate.now()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);

        awaitUntil("the leaver has deprovisioned every app and waits for the retention period", () ->
                history.createHistoricActivityInstanceQuery().activityId("Task_NotifyAccessRemoved").finished().count() == 1);

        APPS.forEach((name, peer) -> {
            assertThat(account(peer, EMPLOYEE).active()).as(name + " account after the leaver").isFalse();
            assertThat(groupsOf(peer, EMPLOYEE)).as(name + " groups after the leaver").isEmpty();
            assertThat(provisioning.link(name, EMPLOYEE)).get().extracting(l -> l.state()).isEqualTo(LinkState.DEACTIVATED);
        });
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(EMPLOYEE).singleResult()).isNotNull();
        assertThat(runtime.createIncidentQuery().count()).isZero();
    }
}
