package dev.jmlflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.employee.EmployeeRecord;
import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.employee.EmployeeStatus;
import dev.jmlflow.employee.Registries;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The one-off import of employees from the history of requests that ended before the registry existed, on the
 * lightweight engine with stand-ins of the three processes that end (or wait) where the real ones do.
 */
class EmployeeHistoryImportTest {

    /** The process tests' engine records coverage; the stand-ins are left out of the report. */
    @RegisterExtension
    static ProcessEngineCoverageExtension engine = FullProcessCoverage.engine(EmployeeHistoryImportTest.class,
            "joiner", "mover", "leaver");

    private static final String EMPLOYEE = "E3001";
    private static final Instant JOINED = Instant.parse("2026-01-05T09:00:00Z");

    private final EmployeeRegistry registry = Registries.onFreshH2();
    private final List<String> deployments = new ArrayList<>();
    private ProcessEngine processEngine;
    private EmployeeHistoryImport historyImport;

    @BeforeEach
    void wire() {
        processEngine = engine.getProcessEngine();
        historyImport = new EmployeeHistoryImport(processEngine.getHistoryService(), registry);
    }

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        deployments.forEach(id -> processEngine.getRepositoryService().deleteDeployment(id, true));
    }

    @Test
    void anEmployeeWhoseJoinerProvisionedEveryAppIsAddedAsActiveWithTheJoinersFacts() {
        joiner("EndEvent_AccessProvisioned", "manager1");

        historyImport.importMissing();

        assertThat(registry.find(EMPLOYEE)).contains(new EmployeeRecord(EMPLOYEE, "ada@example.com", "Ada", "Lovelace",
                "Engineering", "Software Engineer", "manager1", EmployeeStatus.ACTIVE, LocalDate.of(2026, 1, 5), null));
    }

    @Test
    void rejectedAndRolledBackJoinersAddNobody() {
        joiner("EndEvent_RequestRejected", "manager1");
        joiner("EndEvent_RequestRolledBack", "manager1");

        historyImport.importMissing();

        assertThat(registry.find(EMPLOYEE)).isEmpty();
    }

    @Test
    void theRoleIsTheLastAppliedMoversAndARejectedMoverDoesNotCount() {
        joiner("EndEvent_AccessProvisioned", "manager1");
        mover("EndEvent_ChangeApplied", Duration.ofDays(30), "manager2");
        mover("EndEvent_ChangeRejected", Duration.ofDays(60), "manager3");

        historyImport.importMissing();

        assertThat(registry.find(EMPLOYEE)).get().satisfies(e -> {
            assertThat(e.managerId()).isEqualTo("manager2");
            assertThat(e.department()).isEqualTo("Site Reliability");
            assertThat(e.givenName()).isEqualTo("Ada");
        });
    }

    @Test
    void aLeaverThatRemovedAccessEverywhereMakesTheEmployeeLeftWithTheLastDay() {
        joiner("EndEvent_AccessProvisioned", "manager1");
        leaver("Task_RetentionStandIn", "Task_FindLinkedAccounts", "Task_NotifyAccessRemoved");

        historyImport.importMissing();

        assertThat(registry.find(EMPLOYEE)).get().satisfies(e -> {
            assertThat(e.status()).isEqualTo(EmployeeStatus.LEFT);
            assertThat(e.lastDay()).isEqualTo(LocalDate.of(2026, 6, 30));
        });
    }

    @Test
    void aLeaverStillRemovingAccessMakesTheEmployeeLeaving() {
        joiner("EndEvent_AccessProvisioned", "manager1");
        leaver("Task_NotifyAccessRemoved", "Task_FindLinkedAccounts");

        historyImport.importMissing();

        assertThat(registry.find(EMPLOYEE)).get().extracting(EmployeeRecord::status).isEqualTo(EmployeeStatus.LEAVING);
    }

    @Test
    void aLeaverWaitingForTheLastDayLeavesTheEmployeeActive() {
        joiner("EndEvent_AccessProvisioned", "manager1");
        leaver("Task_FindLinkedAccounts");

        historyImport.importMissing();

        assertThat(registry.find(EMPLOYEE)).get().extracting(EmployeeRecord::status).isEqualTo(EmployeeStatus.ACTIVE);
    }

    @Test
    void anEmployeeTheRegistryHoldsIsNeverOverwritten() {
        EmployeeRecord current = new EmployeeRecord(EMPLOYEE, "ada@example.com", "Ada", "Byron", "Data", "Analyst",
                "manager9", EmployeeStatus.ACTIVE, LocalDate.of(2026, 1, 5), null);
        registry.save(current);
        joiner("EndEvent_AccessProvisioned", "manager1");

        historyImport.importMissing();

        assertThat(registry.find(EMPLOYEE)).contains(current);
    }

    // ---- stand-ins ---------------------------------------------------------------------------------------------

    private void joiner(String endEvent, String managerId) {
        ClockUtil.setCurrentTime(Date.from(JOINED));
        deploy(Bpmn.createExecutableProcess("joiner").camundaHistoryTimeToLive(180).startEvent().camundaFormRef("joiner-start")
                .camundaFormRefBinding("deployment").endEvent(endEvent).done(), "joiner-start");
        processEngine.getRuntimeService().startProcessInstanceByKey("joiner", EMPLOYEE, Variables.putValue("employeeId", EMPLOYEE)
                .putValue("givenName", "Ada").putValue("familyName", "Lovelace").putValue("email", "ada@example.com")
                .putValue("department", "Engineering").putValue("jobTitle", "Software Engineer")
                .putValue("managerId", managerId).putValue("startDate", "2026-01-05"));
    }

    private void mover(String endEvent, Duration afterJoining, String managerId) {
        ClockUtil.setCurrentTime(Date.from(JOINED.plus(afterJoining)));
        deploy(Bpmn.createExecutableProcess("mover").camundaHistoryTimeToLive(180).startEvent().camundaFormRef("mover-start")
                .camundaFormRefBinding("deployment").endEvent(endEvent).done(), "mover-start");
        processEngine.getRuntimeService().startProcessInstanceByKey("mover", EMPLOYEE, Map.of("employeeId", EMPLOYEE,
                "department", "Site Reliability", "jobTitle", "SRE Lead", "managerId", managerId));
    }

    /** A leaver that passed {@code passed} in order and waits at {@code waitingAt}. */
    private void leaver(String waitingAt, String... passed) {
        ClockUtil.setCurrentTime(Date.from(JOINED.plus(Duration.ofDays(100))));
        AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess("leaver").camundaHistoryTimeToLive(180).startEvent()
                .camundaFormRef("leaver-start").camundaFormRefBinding("deployment");
        for (String activity : passed) {
            builder = builder.manualTask(activity);
        }
        deploy(builder.userTask(waitingAt).endEvent().done(), "leaver-start");
        processEngine.getRuntimeService().startProcessInstanceByKey("leaver", EMPLOYEE,
                Map.of("employeeId", EMPLOYEE, "lastDay", "2026-06-30"));
    }

    /** Deployed with the real start form, which is what a start may set (the request guards refuse anything else). */
    private void deploy(BpmnModelInstance model, String startForm) {
        deployments.add(processEngine.getRepositoryService().createDeployment()
                .addModelInstance(model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
                        .iterator().next().getId() + ".bpmn", model)
                .addClasspathResource("forms/" + startForm + ".form").deploy().getId());
    }
}
