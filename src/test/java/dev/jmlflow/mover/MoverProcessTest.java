package dev.jmlflow.mover;

import static dev.jmlflow.process.ProcessTestBeans.runDueJobs;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.jmlflow.access.AccessPlanner;
import dev.jmlflow.access.AccessRules;
import dev.jmlflow.access.LiveMemberships;
import dev.jmlflow.access.SodRule;
import dev.jmlflow.access.TargetGroup;
import dev.jmlflow.employee.EmployeeRecord;
import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.employee.EmployeeStatus;
import dev.jmlflow.employee.Registries;
import dev.jmlflow.process.RunningRequests;
import dev.jmlflow.notification.NotificationService;
import dev.jmlflow.notification.Recipients;
import dev.jmlflow.process.FullProcessCoverage;
import dev.jmlflow.process.ProcessTestBeans;
import dev.jmlflow.provisioning.AccountLink;
import dev.jmlflow.provisioning.AccountOrigin;
import dev.jmlflow.provisioning.Employee;
import dev.jmlflow.provisioning.LinkState;
import dev.jmlflow.provisioning.ProvisioningService;
import dev.jmlflow.scim.ScimException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mover process on the lightweight engine with the real rules (DMN), planner, guard, delegates and employee
 * registry (on H2), and mocked provisioning and mail. The employee is an engineer (Engineering, Software Engineer,
 * manager1) holding {@code coralogix:observability-viewers} and {@code cortex:engineering}; the registry knows them,
 * and this engine has no history of their joiner, as after history cleanup. One test per path; together they cover
 * every flow node and sequence flow of {@code mover.bpmn}. A stand-in leaver (outside the gate) gives the employee a
 * leaver that waits for the last day or is removing access.
 */
@Deployment(resources = {"processes/mover.bpmn", "processes/birthright-access.dmn", "processes/privileged-groups.dmn",
        "processes/separation-of-duties.dmn", "forms/mover-start.form", "forms/approve-access.form",
        "stand-ins/leaver.bpmn"})
class MoverProcessTest {

    @RegisterExtension
    static FullProcessCoverage coverageGate = FullProcessCoverage.gate(MoverProcessTest.class);

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = FullProcessCoverage.engine(MoverProcessTest.class, "leaver");

    private static final String EMPLOYEE = "E100";

    private final ProvisioningService provisioning = mock(ProvisioningService.class);
    private final NotificationService notifications = mock(NotificationService.class);
    private final EmployeeRegistry registry = Registries.onFreshH2();
    /** The groups the targets hold right now: target -> groups. */
    private final Map<String, Set<String>> live = new ConcurrentHashMap<>();
    private ProcessEngine processEngine;

    @BeforeEach
    void wire() {
        processEngine = engine.getProcessEngine();
        AbstractAssertions.init(processEngine);
        ProcessTestBeans.register(processEngine, provisioning, notifications);
        ProcessTestBeans.createUsers(processEngine);
        registerPlanner(ProcessTestBeans.planner(processEngine));
        Mocks.register("moverStartValidation", new MoverStartValidation(ProcessTestBeans.SCHEDULE, provisioning, registry,
                new RunningRequests(processEngine.getRuntimeService())));
        Mocks.register("moverUpdateAccount", new MoverUpdateAccount(provisioning, new dev.jmlflow.process.AccountSteps(provisioning)));
        Mocks.register("moverRestoreAccount", new MoverRestoreAccount(provisioning, new dev.jmlflow.process.AccountSteps(provisioning)));

        Mocks.register("moverEmployeeRecord", new MoverEmployeeRecord(registry));

        registry.save(engineer(EMPLOYEE, EmployeeStatus.ACTIVE));
        live.put("coralogix", new HashSet<>(Set.of("observability-viewers")));
        live.put("cortex", new HashSet<>(Set.of("engineering")));
        when(provisioning.links(EMPLOYEE)).thenAnswer(call -> live.keySet().stream().map(MoverProcessTest::link).toList());
        when(provisioning.currentGroups(anyString(), eq(EMPLOYEE))).thenAnswer(call -> Set.copyOf(live.get(call.<String>getArgument(0))));
        when(provisioning.ensureUser(anyString(), any(Employee.class))).thenAnswer(call -> new AccountLink(call.getArgument(0),
                EMPLOYEE, "scim-new", "jane.doe@example.com", AccountOrigin.CREATED, LinkState.ACTIVE, Instant.now()));
    }

    @AfterEach
    void cleanUp() {
        ProcessTestBeans.reset(processEngine);
    }

    @Test
    void additionsWaitForTheNewManagersApprovalThenEveryAppIsChanged() {
        ProcessInstance mover = start(move("Engineering", "Staff Engineer", "manager2"));
        assertThat(mover).isWaitingAt("approveAccess");
        assertThat(approval()).isAssignedTo("manager2");

        decideAs("manager2", true);
        runDueJobs(processEngine, mover.getId());

        verify(provisioning).updateAttributes(eq("coralogix"), argThat(e -> e.jobTitle().equals("Staff Engineer") && e.managerId().equals("manager2")));
        verify(provisioning).updateAttributes(eq("cortex"), any(Employee.class));
        verify(provisioning).addMembership("cortex", EMPLOYEE, "jane.doe@example.com", "service-owners");
        verify(provisioning, never()).removeMembership(anyString(), anyString(), anyString(), anyString());
        verify(notifications).notify(eq(Recipients.groups("hr").and(Recipients.users("hr1")).and(Recipients.users("manager2"))),
                contains("Access ready: mover " + EMPLOYEE), contains("job title: Software Engineer → Staff Engineer"), eq(Optional.empty()));
        assertThat(mover).isEnded().hasPassed("Task_CheckForDrift", "EndEvent_ChangeApplied");
    }

    @Test
    void cockpitReadsTheRequestAsOneSummaryLine() {
        ProcessInstance mover = start(move("Engineering", "Staff Engineer", "manager2"));

        assertThat(mover).variables().containsEntry("requestSummary", "Mover Jane Doe (" + EMPLOYEE + "), effective "
                + LocalDate.now(ZoneOffset.UTC) + ", to Engineering / Staff Engineer, manager manager2");
    }

    @Test
    void removalsAloneNeedNoApprovalAndHappenOnTheEffectiveDate() {
        String effective = LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();
        VariableMap variables = move("Site Reliability", "Site Reliability Engineer", "manager1");
        variables.put("effectiveDate", effective);
        ProcessInstance mover = start(variables);
        runDueJobs(processEngine, mover.getId());

        assertThat(mover).isWaitingAt("IntermediateEvent_EffectiveDateReached").hasNotPassed("approveAccess");
        verify(provisioning, never()).removeMembership(anyString(), anyString(), anyString(), anyString());

        ClockUtil.setCurrentTime(java.util.Date.from(LocalDate.parse(effective).atStartOfDay(ZoneOffset.UTC).toInstant()));
        runDueJobs(processEngine, mover.getId());

        verify(provisioning).removeMembership("cortex", EMPLOYEE, "jane.doe@example.com", "engineering");
        verify(provisioning, never()).addMembership(anyString(), anyString(), anyString(), anyString());
        assertThat(mover).isEnded().hasPassed("EndEvent_ChangeApplied");
    }

    @Test
    void aRejectedChangeChangesNothing() {
        ProcessInstance mover = start(move("Engineering", "Staff Engineer", "manager2"));

        decideAs("manager2", false);
        runDueJobs(processEngine, mover.getId());

        verify(provisioning, never()).updateAttributes(anyString(), any());
        assertThat(mover).isEnded().hasPassed("EndEvent_ChangeRejected");
    }

    @Test
    void aMoveThatChangesNothingEndsAtOnce() {
        ProcessInstance mover = start(move("Engineering", "Software Engineer", "manager1"));
        runDueJobs(processEngine, mover.getId());

        assertThat(mover).isEnded().hasPassed("EndEvent_NothingToChange");
    }

    @Test
    void privilegedAdditionsNeedTheAppOwnersToo() {
        ProcessInstance mover = start(move("Site Reliability", "SRE Lead", "manager2"));
        runDueJobs(processEngine, mover.getId());

        decideAs("manager2", true);
        assertThat(approval()).hasCandidateGroup("app-owners");
        decideAs("appowner1", true);
        runDueJobs(processEngine, mover.getId());

        verify(provisioning).addMembership("coralogix", EMPLOYEE, "jane.doe@example.com", "observability-admins");
        verify(provisioning).addMembership("cortex", EMPLOYEE, "jane.doe@example.com", "service-owners");
        verify(provisioning).removeMembership("cortex", EMPLOYEE, "jane.doe@example.com", "engineering");
        assertThat(mover).isEnded().hasPassed("EndEvent_ChangeApplied");
    }

    @Test
    void changedAdditionsOnTheEffectiveDateAreApprovedAgain() {
        ProcessInstance mover = start(move("Engineering", "Staff Engineer", "manager2"));
        decideAs("manager2", true);
        // before the date, someone removed the employee from a group the new role also needs
        live.get("coralogix").remove("observability-viewers");
        runDueJobs(processEngine, mover.getId());

        assertThat(mover).hasPassed("Task_CheckForDrift").isWaitingAt("approveAccess");
        org.assertj.core.api.Assertions.assertThat((String) processEngine.getRuntimeService().getVariable(mover.getId(), "accessPlanText"))
                .contains("add observability-viewers");
        decideAs("manager2", true);
        runDueJobs(processEngine, mover.getId());

        verify(provisioning).addMembership("coralogix", EMPLOYEE, "jane.doe@example.com", "observability-viewers");
        assertThat(mover).isEnded().hasPassed("EndEvent_ChangeApplied");
    }

    @Test
    void changedRemovalsOnTheEffectiveDateAreAppliedWithoutAskingAgain() {
        String effective = LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();
        VariableMap variables = move("Site Reliability", "Site Reliability Engineer", "manager1");
        variables.put("effectiveDate", effective);
        ProcessInstance mover = start(variables);
        // before the date, the old group went away by itself and a group the new role does not give appeared
        live.get("cortex").clear();
        live.get("coralogix").add("legacy-dashboards");
        ClockUtil.setCurrentTime(java.util.Date.from(LocalDate.parse(effective).atStartOfDay(ZoneOffset.UTC).toInstant()));
        runDueJobs(processEngine, mover.getId());

        verify(provisioning).removeMembership("coralogix", EMPLOYEE, "jane.doe@example.com", "legacy-dashboards");
        verify(provisioning, never()).removeMembership("cortex", EMPLOYEE, "jane.doe@example.com", "engineering");
        assertThat(mover).isEnded().hasNotPassed("approveAccess").hasPassed("EndEvent_ChangeApplied");
    }

    @Test
    void approversAreRemindedAndThenItOpsIsAsked() {
        ProcessInstance mover = start(move("Engineering", "Staff Engineer", "manager2"));
        String taskId = approval().getId();

        ClockUtil.offset(Duration.ofDays(5).plusMinutes(1).toMillis());
        runDueJobs(processEngine, mover.getId());

        verify(notifications).taskWaiting(Recipients.users("manager2"), taskId, "Reminder: Approve access for Jane Doe", EMPLOYEE);
        verify(notifications).taskWaiting(Recipients.groups("it-ops"), taskId, "Escalated: Approve access for Jane Doe", EMPLOYEE);
        assertThat(mover).hasPassed("EndEvent_ApproversReminded", "EndEvent_ApprovalEscalated").isWaitingAt("approveAccess");
    }

    @Test
    void aPermanentFailureRestoresEveryAppToItsPreviousState() {
        doThrow(new ScimException.Forbidden(null, "403 the token may not manage groups"))
                .when(provisioning).removeMembership("cortex", EMPLOYEE, "jane.doe@example.com", "engineering");
        ProcessInstance mover = start(move("Site Reliability", "SRE Lead", "manager2"));
        decideAs("manager2", true);
        decideAs("appowner1", true);
        runDueJobs(processEngine, mover.getId());

        // coralogix: the added group is removed again; both apps get the old attributes back
        verify(provisioning).removeMembership("coralogix", EMPLOYEE, "jane.doe@example.com", "observability-admins");
        verify(provisioning).removeMembership("cortex", EMPLOYEE, "jane.doe@example.com", "service-owners");
        verify(provisioning).updateAttributes(eq("coralogix"), argThat(e -> e.department().equals("Engineering")
                && e.jobTitle().equals("Software Engineer") && e.managerId().equals("manager1")));
        verify(provisioning).updateAttributes(eq("cortex"), argThat(e -> e.department().equals("Engineering")));
        verify(notifications).requestFailed(any(), eq("mover " + EMPLOYEE), contains("target cortex: refused the request"));
        assertThat(mover).isEnded().hasPassed("BoundaryEvent_RemoveGroupRefused", "EndEvent_ChangeRolledBack");
    }

    @Test
    void aRemovedGroupIsAddedBackWhenAnotherAppFailsLater() {
        doThrow(new ScimException.BadRequest(400, "invalidValue", "no such group", "400 invalidValue"))
                .when(provisioning).addMembership("coralogix", EMPLOYEE, "jane.doe@example.com", "observability-admins");
        ProcessInstance mover = start(move("Site Reliability", "SRE Lead", "manager2"));
        decideAs("manager2", true);
        decideAs("appowner1", true);
        runDueJobs(processEngine, mover.getId());

        verify(provisioning).removeMembership("cortex", EMPLOYEE, "jane.doe@example.com", "engineering");
        verify(provisioning).addMembership("cortex", EMPLOYEE, "jane.doe@example.com", "engineering");
        assertThat(mover).isEnded().hasPassed("BoundaryEvent_AddGroupRefused", "EndEvent_ChangeRolledBack");
    }

    @Test
    void anAppThatRefusesTheNewAttributesRollsTheMoveBack() {
        doThrow(new ScimException.BadRequest(400, "mutability", "title is read-only", "400 mutability"))
                .when(provisioning).updateAttributes(eq("cortex"), any(Employee.class));
        ProcessInstance mover = start(move("Engineering", "Staff Engineer", "manager2"));
        decideAs("manager2", true);
        runDueJobs(processEngine, mover.getId());

        assertThat(mover).isEnded().hasPassed("BoundaryEvent_UpdateAccountFailed", "EndEvent_ChangeRolledBack");
    }

    @Test
    void aPlanThatBreaksSeparationOfDutiesIsBlockedAndHrIsTold() {
        AccessRules conflicting = mock(AccessRules.class);
        when(conflicting.birthright(anyString(), anyString())).thenReturn(List.of(
                new TargetGroup("coralogix", "observability-admins"), new TargetGroup("coginiti", "data-admins")));
        when(conflicting.separationOfDuties(any())).thenReturn(List.of(new SodRule("SOD-1", "audit vs data")));
        registerPlanner(new AccessPlanner(conflicting, ProcessTestBeans.TARGETS));
        ProcessInstance mover = start(move("Data", "Head of Data", "manager2"));
        runDueJobs(processEngine, mover.getId());

        verify(notifications).requestFailed(eq(Recipients.groups("hr").and(Recipients.users("hr1"))), eq("mover " + EMPLOYEE),
                contains("SOD-1: audit vs data"));
        assertThat(mover).isEnded().hasPassed("EndEvent_ChangeBlocked");
    }

    @Test
    void onlyAnEmployeeWithAccountsFromACompletedJoinerCanMove() {
        VariableMap variables = move("Engineering", "Staff Engineer", "manager2");
        variables.put("employeeId", "E999");

        assertThatThrownBy(() -> start(variables)).isInstanceOf(NotValidException.class)
                .hasMessageContaining("employeeId: E999 has no active accounts from a completed joiner");
    }

    @Test
    void aRoleChangeIsAllowedWhileTheLeaverStillWaitsForTheLastDay() {
        startLeaver();

        ProcessInstance mover = start(move("Engineering", "Staff Engineer", "manager2"));

        assertThat(mover).isWaitingAt("approveAccess");
    }

    @Test
    void aMoveIsRefusedOnceTheLeaverIsRemovingAccess() {
        ProcessInstance leaver = startLeaver();
        var management = processEngine.getManagementService();
        management.executeJob(management.createJobQuery().processInstanceId(leaver.getId()).singleResult().getId());
        assertThat(leaver).isWaitingAt("Task_RemoveAccess");

        assertThatThrownBy(() -> start(move("Engineering", "Staff Engineer", "manager2"))).isInstanceOf(NotValidException.class)
                .hasMessageContaining("employeeId: E100 is leaving: a leaver with last day 2027-03-31 is removing their access;"
                        + " start the new request once that leaver has finished").hasMessageNotContaining(leaver.getId());
    }

    @Test
    void aPreHireCannotMoveEvenWithAccounts() {
        registry.saveUnlessEmployed(engineer("E200", EmployeeStatus.PRE_HIRE));
        when(provisioning.links("E200")).thenReturn(List.of(new AccountLink("cortex", "E200", "scim-cortex",
                "jane.doe@example.com", AccountOrigin.CREATED, LinkState.ACTIVE, Instant.now())));
        VariableMap variables = move("Engineering", "Staff Engineer", "manager2");
        variables.put("employeeId", "E200");

        assertThatThrownBy(() -> start(variables)).isInstanceOf(NotValidException.class)
                .hasMessageContaining("employeeId: E200 has no active accounts from a completed joiner");
    }

    @Test
    void theMoverTakesNamesEmailAndTheOldRoleFromTheRegistry() {
        ProcessInstance mover = start(move("Engineering", "Staff Engineer", "manager2"));

        org.assertj.core.api.Assertions.assertThat(processEngine.getRuntimeService().getVariables(mover.getId()))
                .containsEntry("givenName", "Jane").containsEntry("familyName", "Doe")
                .containsEntry("email", "jane.doe@example.com").containsEntry("previousDepartment", "Engineering")
                .containsEntry("previousJobTitle", "Software Engineer").containsEntry("previousManagerId", "manager1");
    }

    @Test
    void anAppliedChangeIsTheRoleOnRecord() {
        ProcessInstance mover = start(move("Site Reliability", "Site Reliability Engineer", "manager1"));
        runDueJobs(processEngine, mover.getId());

        assertThat(mover).isEnded().hasPassed("EndEvent_ChangeApplied");
        org.assertj.core.api.Assertions.assertThat(registry.find(EMPLOYEE)).get().satisfies(e -> {
            org.assertj.core.api.Assertions.assertThat(e.department()).isEqualTo("Site Reliability");
            org.assertj.core.api.Assertions.assertThat(e.jobTitle()).isEqualTo("Site Reliability Engineer");
            org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(EmployeeStatus.ACTIVE);
        });
    }

    @Test
    void aRejectedChangeLeavesTheOldRoleOnRecord() {
        ProcessInstance mover = start(move("Engineering", "Staff Engineer", "manager2"));

        decideAs("manager2", false);
        runDueJobs(processEngine, mover.getId());

        org.assertj.core.api.Assertions.assertThat(registry.find(EMPLOYEE)).contains(engineer(EMPLOYEE, EmployeeStatus.ACTIVE));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private ProcessInstance startLeaver() {
        ProcessInstance leaver = processEngine.getRuntimeService().startProcessInstanceByKey("leaver", EMPLOYEE);
        processEngine.getRuntimeService().setVariable(leaver.getId(), "lastDay", "2027-03-31"); // the stand-in has no form
        return leaver;
    }

    private void registerPlanner(AccessPlanner planner) {
        LiveMemberships memberships = new LiveMemberships(provisioning);
        Mocks.register("moverPlanChange", new MoverPlanChange(planner, memberships));
        Mocks.register("moverCheckForDrift", new MoverCheckForDrift(planner, memberships));
    }

    private ProcessInstance start(VariableMap variables) {
        processEngine.getIdentityService().setAuthenticatedUserId("hr1");
        try {
            ProcessInstance mover = processEngine.getRuntimeService().startProcessInstanceByKey("mover", variables);
            runDueJobs(processEngine, mover.getId());
            return mover;
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
    }

    private Task approval() {
        return processEngine.getTaskService().createTaskQuery().taskDefinitionKey("approveAccess").singleResult();
    }

    private void decideAs(String user, boolean approved) {
        Task task = approval();
        processEngine.getIdentityService().setAuthenticatedUserId(user);
        try {
            processEngine.getTaskService().complete(task.getId(), withVariables("approved", approved));
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
    }

    private static VariableMap move(String department, String jobTitle, String managerId) {
        return Variables.putValue("employeeId", EMPLOYEE).putValue("department", department).putValue("jobTitle", jobTitle)
                .putValue("managerId", managerId).putValue("effectiveDate", LocalDate.now(ZoneOffset.UTC).toString());
    }

    private static EmployeeRecord engineer(String employeeId, EmployeeStatus status) {
        return new EmployeeRecord(employeeId, "jane.doe@example.com", "Jane", "Doe", "Engineering", "Software Engineer",
                "manager1", status, LocalDate.of(2025, 1, 6), null);
    }

    private static AccountLink link(String target) {
        return new AccountLink(target, EMPLOYEE, "scim-" + target, "jane.doe@example.com", AccountOrigin.CREATED,
                LinkState.ACTIVE, Instant.now());
    }
}
