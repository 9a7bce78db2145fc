package dev.jmlflow.joiner;

import static dev.jmlflow.process.ProcessTestBeans.runDueJobs;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.jmlflow.access.AccessPlanner;
import dev.jmlflow.employee.EmployeeRecord;
import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.employee.EmployeeStatus;
import dev.jmlflow.employee.Registries;
import dev.jmlflow.leaver.ScheduledLeavers;
import dev.jmlflow.process.RunningRequests;
import dev.jmlflow.notification.NotificationService;
import dev.jmlflow.notification.Recipients;
import dev.jmlflow.process.FullProcessCoverage;
import dev.jmlflow.process.ProcessTestBeans;
import dev.jmlflow.provisioning.AccountConflictException;
import dev.jmlflow.provisioning.AccountLink;
import dev.jmlflow.provisioning.AccountOrigin;
import dev.jmlflow.provisioning.Employee;
import dev.jmlflow.provisioning.GroupCatalogue;
import dev.jmlflow.provisioning.LinkState;
import dev.jmlflow.provisioning.ProvisioningService;
import dev.jmlflow.scim.ScimException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
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
 * The joiner process on the lightweight engine with the real rules (DMN), planner, four-eyes guard and delegates,
 * and employee registry (on H2), and mocked provisioning and mail. One test per path; together they cover every flow node and sequence flow of
 * {@code joiner.bpmn} ({@link FullProcessCoverage} fails the class otherwise). A stand-in leaver (outside the gate)
 * gives the employee a leaver that waits for the last day or is removing access.
 */
@Deployment(resources = {"processes/joiner.bpmn", "processes/birthright-access.dmn", "processes/privileged-groups.dmn",
        "processes/separation-of-duties.dmn", "forms/joiner-start.form", "forms/approve-access.form",
        "forms/resolve-conflict.form", "stand-ins/leaver.bpmn"})
class JoinerProcessTest {

    /** Registered first, so that it checks the report after the coverage extension wrote it. */
    @RegisterExtension
    static FullProcessCoverage coverageGate = FullProcessCoverage.gate(JoinerProcessTest.class);

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = FullProcessCoverage.engine(JoinerProcessTest.class, "leaver");

    private static final String EMPLOYEE = "E100";

    private final ProvisioningService provisioning = mock(ProvisioningService.class);
    /** Knows no group absent unless a test says so, as when no target's groups can be read. */
    private final GroupCatalogue groups = mock(GroupCatalogue.class);
    private final NotificationService notifications = mock(NotificationService.class);
    private final EmployeeRegistry registry = Registries.onFreshH2();
    /** What the mocked provisioning service holds: target -> link. */
    private final Map<String, AccountLink> links = new ConcurrentHashMap<>();
    private ProcessEngine processEngine;

    @BeforeEach
    void wire() {
        processEngine = engine.getProcessEngine();
        AbstractAssertions.init(processEngine);
        ProcessTestBeans.register(processEngine, provisioning, notifications);
        AccessPlanner planner = ProcessTestBeans.planner(processEngine);
        Mocks.register("joinerStartValidation", new JoinerStartValidation(ProcessTestBeans.SCHEDULE, planner,
                new RunningRequests(processEngine.getRuntimeService()), provisioning,
                registry, groups));
        Mocks.register("joinerPlanAccess", new JoinerPlanAccess(planner));
        Mocks.register("joinerLinkExistingAccount", new JoinerLinkExistingAccount(provisioning));
        Mocks.register("joinerEmployeeRecord", new JoinerEmployeeRecord(registry));
        ProcessTestBeans.createUsers(processEngine);
        when(provisioning.link(anyString(), eq(EMPLOYEE))).thenAnswer(call -> Optional.ofNullable(links.get(call.<String>getArgument(0))));
        when(provisioning.links(EMPLOYEE)).thenAnswer(call -> java.util.List.copyOf(links.values()));
        when(provisioning.ensureUser(anyString(), any(Employee.class))).thenAnswer(call -> {
            String target = call.getArgument(0);
            AccountLink before = links.get(target);
            AccountLink after = before == null ? link(target, AccountOrigin.CREATED, LinkState.ACTIVE)
                    : link(target, before.origin(), LinkState.ACTIVE);
            links.put(target, after);
            return after;
        });
    }

    @AfterEach
    void cleanUp() {
        ProcessTestBeans.reset(processEngine);
    }

    // ---- approval ----------------------------------------------------------------------------------------------

    @Test
    void approvedJoinerGetsAnAccountAndItsGroupsOnEveryAppTheRulesName() {
        ProcessInstance joiner = start(engineer());
        assertThat(joiner).isWaitingAt("approveAccess");
        assertThat(approval()).isAssignedTo("manager1");

        decideAs("manager1", true);
        runDueJobs(processEngine, joiner.getId());

        verify(provisioning).ensureUser(eq("coralogix"), any(Employee.class));
        verify(provisioning).ensureUser(eq("cortex"), any(Employee.class));
        verify(provisioning, never()).ensureUser(eq("coginiti"), any(Employee.class));
        verify(provisioning).addMembership("coralogix", EMPLOYEE, "jane.doe@example.com", "observability-viewers");
        verify(provisioning).addMembership("cortex", EMPLOYEE, "jane.doe@example.com", "engineering");
        verify(notifications).notify(eq(Recipients.groups("hr").and(Recipients.users("hr1")).and(Recipients.users("manager1"))),
                contains("Access ready"), contains("observability-viewers"), eq(Optional.empty()));
        assertThat(joiner).hasPassed("IntermediateEvent_ProvisioningDue", "Task_NotifyAccessReady")
                .isEnded().hasPassed("EndEvent_AccessProvisioned");
    }

    @Test
    void theApprovalTaskIsNamedAfterTheEmployee() {
        VariableMap zoe = engineer();
        zoe.put("givenName", "Zoë");
        zoe.put("familyName", "O'Brien");

        start(zoe);

        org.assertj.core.api.Assertions.assertThat(approval().getName()).isEqualTo("Approve access for Zoë O'Brien");
    }

    @Test
    void cockpitReadsTheRequestAsOneSummaryLineWithTheManagersName() {
        var identity = processEngine.getIdentityService();
        var manager = identity.createUserQuery().userId("manager1").singleResult();
        manager.setFirstName("Max");
        manager.setLastName("Lind");
        identity.saveUser(manager);
        VariableMap zoe = engineer();
        zoe.put("givenName", "Zoë");
        zoe.put("familyName", "O'Brien");

        ProcessInstance joiner = start(zoe);

        assertThat(joiner).variables().containsEntry("requestSummary", "Joiner Zoë O'Brien (" + EMPLOYEE + "), start "
                + LocalDate.now(ZoneOffset.UTC) + ", Engineering / Software Engineer, manager Max Lind");
    }

    @Test
    void rejectedJoinerChangesNothingAndHrIsTold() {
        ProcessInstance joiner = start(engineer());

        decideAs("manager1", false);
        runDueJobs(processEngine, joiner.getId());

        verify(provisioning, never()).ensureUser(anyString(), any());
        verify(notifications).notify(eq(Recipients.groups("hr").and(Recipients.users("hr1"))), contains("Access rejected"),
                contains("rejected by manager1"), eq(Optional.empty()));
        assertThat(joiner).isEnded().hasPassed("EndEvent_RequestRejected");
    }

    @Test
    void privilegedGroupNeedsTheAppOwnersAfterTheManager() {
        ProcessInstance joiner = start(joinerVariables("Site Reliability", "SRE Lead", ""));

        decideAs("manager1", true);
        assertThat(joiner).isWaitingAt("approveAccess");
        Task appOwnerTask = approval();
        assertThat(appOwnerTask).isNotAssigned().hasCandidateGroup("app-owners");

        decideAs("appowner1", true);
        runDueJobs(processEngine, joiner.getId());

        verify(provisioning).addMembership("coralogix", EMPLOYEE, "jane.doe@example.com", "observability-admins");
        assertThat(joiner).isEnded().hasPassed("EndEvent_AccessProvisioned");
    }

    @Test
    void appOwnersCanStillRejectWhatTheManagerApproved() {
        ProcessInstance joiner = start(joinerVariables("Site Reliability", "SRE Lead", ""));

        decideAs("manager1", true);
        decideAs("appowner1", false);
        runDueJobs(processEngine, joiner.getId());

        verify(provisioning, never()).ensureUser(anyString(), any());
        assertThat(joiner).isEnded().hasPassed("EndEvent_RequestRejected");
    }

    @Test
    void approversAreRemindedThenTheApprovalIsEscalatedToItOps() {
        ProcessInstance joiner = start(engineer());
        String taskId = approval().getId();

        ClockUtil.offset(java.time.Duration.ofDays(2).plusMinutes(1).toMillis());
        runDueJobs(processEngine, joiner.getId());
        verify(notifications).taskWaiting(Recipients.users("manager1"), taskId, "Reminder: Approve access for Jane Doe", EMPLOYEE);
        assertThat(joiner).hasPassed("EndEvent_ApproversReminded").isWaitingAt("approveAccess");

        ClockUtil.offset(java.time.Duration.ofDays(5).plusMinutes(1).toMillis());
        runDueJobs(processEngine, joiner.getId());
        verify(notifications).taskWaiting(Recipients.groups("it-ops"), taskId, "Escalated: Approve access for Jane Doe", EMPLOYEE);
        org.assertj.core.api.Assertions.assertThat(processEngine.getTaskService().getIdentityLinksForTask(taskId))
                .anySatisfy(link -> org.assertj.core.api.Assertions.assertThat(link.getGroupId()).isEqualTo("it-ops"));
        assertThat(joiner).hasPassed("EndEvent_ApprovalEscalated");

        decideAs("ops1", true);
        runDueJobs(processEngine, joiner.getId());
        assertThat(joiner).isEnded().hasPassed("EndEvent_AccessProvisioned");
    }

    // ---- four eyes ---------------------------------------------------------------------------------------------

    @Test
    void theRequesterCannotApproveTheirOwnRequestEvenAsACandidate() {
        ProcessInstance joiner = start(engineer());
        Task approval = approval();

        processEngine.getIdentityService().setAuthenticatedUserId("hr1");
        assertThatThrownBy(() -> processEngine.getTaskService().complete(approval.getId(), Variables.putValue("approved", true)))
                .hasMessageContaining("The four-eyes rule stops this on 'Approve access for Jane Doe'. approved: hr1 requested this change and may not complete this task");
        assertThat(joiner).isWaitingAt("approveAccess");
    }

    @Test
    void theSubjectCannotBeAssignedTheirOwnApprovalByUserIdOrByEmail() {
        ProcessTestBeans.user(processEngine.getIdentityService(), "jane", "Jane.Doe@example.com", "managers");
        ProcessInstance joiner = start(engineer());
        String taskId = approval().getId();

        assertThatThrownBy(() -> processEngine.getTaskService().setAssignee(taskId, "jane"))
                .hasMessageContaining("The four-eyes rule stops this on 'Approve access for Jane Doe'. assignee: jane is the person this request is about");
        assertThatThrownBy(() -> processEngine.getTaskService().setAssignee(taskId, EMPLOYEE))
                .hasMessageContaining("is the person this request is about");
        assertThat(approval()).isAssignedTo("manager1");
        assertThat(joiner).isWaitingAt("approveAccess");
    }

    @Test
    void completingAnApprovalMaySetOnlyTheDecisionAndAComment() {
        ProcessInstance joiner = start(engineer());
        String taskId = approval().getId();
        String plan = (String) processEngine.getRuntimeService().getVariable(joiner.getId(), "accessPlan");

        processEngine.getIdentityService().setAuthenticatedUserId("manager1");
        assertThatThrownBy(() -> processEngine.getTaskService().complete(taskId,
                withVariables("approved", true, "accessPlan", plan.replace("engineering", "service-owners"))))
                .hasRootCauseInstanceOf(NotValidException.class).hasRootCauseMessage("accessPlan: is not a field of the form of 'Approve access for Jane Doe'");
        assertThatThrownBy(() -> processEngine.getTaskService().complete(taskId, withVariables("approved", true, "managerId", "manager2")))
                .hasRootCauseMessage("managerId: is not a field of the form of 'Approve access for Jane Doe'");
        assertThatThrownBy(() -> processEngine.getTaskService().complete(taskId, withVariables("approved", "yes")))
                .hasMessageContaining("The task 'Approve access for Jane Doe' was not completed. approved: must be true (approve) or false (reject)");

        assertThat(joiner).isWaitingAt("approveAccess").variables().containsEntry("accessPlan", plan)
                .containsEntry("managerId", "manager1");
    }

    @Test
    void aForgedRequesterStartVariableIsRefusedAndTheRealRequesterStillCannotApprove() {
        VariableMap forged = engineer();
        forged.put("requester", "manager2");

        assertThatThrownBy(() -> start(forged)).isInstanceOf(NotValidException.class)
                .hasMessage("requester: is not a field of the start form");
        ProcessInstance joiner = start(engineer());
        org.assertj.core.api.Assertions.assertThat(processEngine.getRuntimeService().getVariable(joiner.getId(), "requester"))
                .isEqualTo("hr1").isEqualTo(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                        .processInstanceId(joiner.getId()).singleResult().getStartUserId());
        assertThatThrownBy(() -> asUser("hr1", () -> processEngine.getTaskService().complete(approval().getId(),
                withVariables("approved", true)))).hasMessageContaining("approved: hr1 requested this change");
    }

    @Test
    void aStartMaySetOnlyTheFieldsOfTheStartFormAndEachOtherIsNamed() {
        VariableMap variables = engineer();
        variables.put("approvalLog", "approved by manager1");
        variables.put("accessPlan", "{}");
        variables.put("approvalStage", "app-owner");

        assertThatThrownBy(() -> start(variables)).isInstanceOf(NotValidException.class)
                .hasMessage("accessPlan: is not a field of the start form; approvalLog: is not a field of the start form;"
                        + " approvalStage: is not a field of the start form");
        org.assertj.core.api.Assertions.assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
    }

    @Test
    void anHrUserWhoIsAlsoAManagerCannotNameThemselvesTheApprovingManager() {
        processEngine.getIdentityService().createMembership("hr1", "managers");
        VariableMap variables = engineer();
        variables.put("managerId", "hr1");

        assertThatThrownBy(() -> start(variables)).isInstanceOf(NotValidException.class)
                .hasMessageContaining("managerId: hr1 requested this change and cannot be its approving manager");
        org.assertj.core.api.Assertions.assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
    }

    @Test
    void theRequesterCannotTakeTheApprovalByClaimSetAssigneeOrDelegate() {
        processEngine.getIdentityService().createMembership("hr1", "app-owners");
        ProcessInstance joiner = start(joinerVariables("Site Reliability", "SRE Lead", ""));
        String managerTask = approval().getId();

        assertThatThrownBy(() -> processEngine.getTaskService().setAssignee(managerTask, "hr1"))
                .hasMessageContaining("assignee: hr1 requested this change and may not be assigned");
        assertThatThrownBy(() -> processEngine.getTaskService().delegateTask(managerTask, "hr1"))
                .hasMessageContaining("assignee: hr1 requested this change and may not be assigned");
        decideAs("manager1", true);
        String appOwnerTask = approval().getId();
        assertThatThrownBy(() -> processEngine.getTaskService().claim(appOwnerTask, "hr1"))
                .hasMessageContaining("assignee: hr1 requested this change and may not be assigned");
        assertThat(approval()).isNotAssigned();
        assertThat(joiner).isWaitingAt("approveAccess");
    }

    @Test
    void theRequesterCannotDecideByResolvingADelegatedApproval() {
        ProcessInstance joiner = start(engineer());
        String taskId = approval().getId();
        processEngine.getTaskService().delegateTask(taskId, "manager2");

        assertThatThrownBy(() -> asUser("hr1", () -> processEngine.getTaskService().resolveTask(taskId,
                withVariables("approved", true)))).hasMessageContaining("approved: hr1 requested this change and may not resolve");
        assertThatThrownBy(() -> asUser("manager2", () -> processEngine.getTaskService().resolveTask(taskId,
                withVariables("approved", true, "managerId", "manager2"))))
                .hasRootCauseMessage("managerId: is not a field of the form of 'Approve access for Jane Doe'");
        assertThat(approval()).isAssignedTo("manager2");
        assertThat(joiner).isWaitingAt("approveAccess");
    }

    @Test
    void oneApproverCannotDecideBothTheManagerAndTheAppOwnerStage() {
        processEngine.getIdentityService().createMembership("manager1", "app-owners");
        ProcessInstance joiner = start(joinerVariables("Site Reliability", "SRE Lead", ""));
        decideAs("manager1", true);
        String appOwnerTask = approval().getId();

        assertThatThrownBy(() -> processEngine.getTaskService().claim(appOwnerTask, "manager1"))
                .hasMessageContaining("assignee: manager1 already decided another approval stage of this request");
        assertThatThrownBy(() -> decideAs("manager1", true))
                .hasMessageContaining("approved: manager1 already decided another approval stage of this request");
        assertThat(joiner).isWaitingAt("approveAccess");
        decideAs("appowner1", true);
        assertThat(joiner).hasPassed("Gateway_AccessApproved");
    }

    @Test
    void completingTheConflictTaskMaySetOnlyItsFormsFields() {
        doThrow(new AccountConflictException("cortex", "an account with this userName exists and is not ours"))
                .when(provisioning).ensureUser(eq("cortex"), any(Employee.class));
        ProcessInstance joiner = start(engineer());
        decideAs("manager1", true);
        runDueJobs(processEngine, joiner.getId());
        Task resolve = processEngine.getTaskService().createTaskQuery().taskDefinitionKey("Task_ResolveAccountConflict").singleResult();

        assertThatThrownBy(() -> asUser("ops1", () -> processEngine.getTaskService().complete(resolve.getId(),
                withVariables("conflictResolution", "link", "employeeId", "E999"))))
                .hasRootCauseInstanceOf(NotValidException.class)
                .hasRootCauseMessage("employeeId: is not a field of the form of 'Resolve account conflict'");
        assertThat(joiner).isWaitingAt("Task_ResolveAccountConflict").variables().containsEntry("employeeId", EMPLOYEE);
    }

    // ---- start validation --------------------------------------------------------------------------------------

    @Test
    void invalidRequestsAreRefusedWithEveryFieldNamed() {
        VariableMap variables = engineer();
        variables.put("givenName", "Ja\"ne");
        variables.put("email", "jane doe@example.com");
        variables.put("startDate", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
        variables.put("managerId", "nobody");
        variables.put("requestedGroups", "jira:admins");

        assertThatThrownBy(() -> start(variables)).isInstanceOf(NotValidException.class)
                .hasMessageContaining("givenName:").hasMessageContaining("email:").hasMessageContaining("startDate:")
                .hasMessageContaining("managerId: nobody is not a user in the group managers")
                .hasMessageContaining("requestedGroups: 'jira' is not a configured target");
        org.assertj.core.api.Assertions.assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
    }

    @Test
    void anEmailWithAnApostropheAndAPlusInTheLocalPartIsAccepted() {
        VariableMap variables = engineer();
        variables.put("email", "zoe.o'brien+it@example.com");

        ProcessInstance joiner = start(variables);

        assertThat(joiner).isWaitingAt("approveAccess").variables().containsEntry("email", "zoe.o'brien+it@example.com");
    }

    @Test
    void aRequestedGroupItsTargetIsKnownNotToHaveIsRefusedAtTheStart() {
        when(groups.knownAbsent("coralogix", "no-such-group")).thenReturn(true);
        VariableMap variables = engineer();
        variables.put("requestedGroups", "coralogix:observability-admins, coralogix:no-such-group");

        assertThatThrownBy(() -> start(variables)).isInstanceOf(NotValidException.class)
                .hasMessageContaining("requestedGroups: 'no-such-group' is not a group in coralogix;")
                .hasMessageNotContaining("observability-admins");
        org.assertj.core.api.Assertions.assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
    }

    @Test
    void aSecondJoinerForTheSameEmployeeIsRefusedWhileTheFirstRuns() {
        start(engineer());

        assertThatThrownBy(() -> start(engineer())).hasMessageContaining("a joiner request for E100 is already running");
    }

    @Test
    void aJoinerIsRefusedWhileALeaverForTheEmployeeWaitsForTheLastDay() {
        ProcessInstance leaver = startLeaver();

        assertThatThrownBy(() -> start(engineer())).isInstanceOf(NotValidException.class)
                .hasMessageContaining("employeeId: E100 has a leaver with last day 2027-03-31 scheduled; cancel that leaver first")
                .hasMessageNotContaining(leaver.getId());
    }

    @Test
    void aJoinerIsRefusedWhileALeaverIsRemovingTheEmployeesAccess() {
        ProcessInstance leaver = startLeaver();
        reachTheCutOff(leaver);

        assertThatThrownBy(() -> start(engineer())).isInstanceOf(NotValidException.class)
                .hasMessageContaining("employeeId: E100 is leaving: a leaver with last day 2027-03-31 is removing their access;"
                        + " start the new request once that leaver has finished").hasMessageNotContaining(leaver.getId());
    }

    @Test
    void aJoinerStartsOnceHrHasCancelledTheWaitingLeaver() {
        ProcessInstance leaver = startLeaver();
        new ScheduledLeavers(processEngine.getRuntimeService(), processEngine.getIdentityService(),
                new RunningRequests(processEngine.getRuntimeService())).cancel(EMPLOYEE, "rehired before leaving", "hr1");

        ProcessInstance joiner = start(engineer());

        assertThat(leaver).isEnded().hasPassed("EndEvent_LeaverCancelled");
        assertThat(joiner).isWaitingAt("approveAccess");
    }

    @Test
    void aJoinerForAnEmployeeIdThatBelongsToAnotherPersonIsRefusedNamingThem() {
        ProcessInstance jane = start(engineer());
        decideAs("manager1", true);
        runDueJobs(processEngine, jane.getId());
        assertThat(jane).hasPassed("EndEvent_AccessProvisioned");
        links.replaceAll((target, link) -> link(target, AccountOrigin.CREATED, LinkState.DEACTIVATED));
        VariableMap typo = joinerVariables("Sales", "Account Executive", "cortex:service-owners");
        typo.put("givenName", "John");
        typo.put("familyName", "Smith");
        typo.put("email", "john.smith@example.com");

        assertThatThrownBy(() -> start(typo)).isInstanceOf(NotValidException.class)
                .hasMessageContaining("employeeId: E100 already belongs to jane.doe@example.com (Jane Doe)");
        org.assertj.core.api.Assertions.assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
    }

    @Test
    void aJoinerForAnEmployeeWhoseAccountsAreStillActiveIsRefusedEvenWithTheSameEmail() {
        links.put("cortex", link("cortex", AccountOrigin.CREATED, LinkState.ACTIVE));

        assertThatThrownBy(() -> start(engineer())).isInstanceOf(NotValidException.class)
                .hasMessageContaining("employeeId: E100 is jane.doe@example.com, who still has an active account on cortex");
    }

    @Test
    void separationOfDutiesBlocksAPlanAndHrSeesTheReason() {
        VariableMap variables = joinerVariables("Site Reliability", "SRE Lead", "coginiti:data-admins");

        assertThatThrownBy(() -> start(variables)).isInstanceOf(NotValidException.class)
                .hasMessageContaining("SOD-1: Whoever administers the audit logs must not also administer the data warehouse")
                .hasMessageContaining("coginiti:data-admins and coralogix:observability-admins");
    }

    // ---- schedule ----------------------------------------------------------------------------------------------

    @Test
    void provisioningWaitsUntilTheLeadTimeBeforeTheStartDate() {
        String startDate = LocalDate.now(ZoneOffset.UTC).plusDays(10).toString();
        VariableMap variables = engineer();
        variables.put("startDate", startDate);
        ProcessInstance joiner = start(variables);

        decideAs("manager1", true);
        runDueJobs(processEngine, joiner.getId());

        assertThat(joiner).isWaitingAt("IntermediateEvent_ProvisioningDue");
        Job timer = processEngine.getManagementService().createJobQuery().processInstanceId(joiner.getId()).timers().singleResult();
        org.assertj.core.api.Assertions.assertThat(timer.getDuedate()).isEqualTo(
                Date.from(LocalDate.parse(startDate).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        verify(provisioning, never()).ensureUser(anyString(), any());

        ClockUtil.setCurrentTime(timer.getDuedate());
        runDueJobs(processEngine, joiner.getId());
        assertThat(joiner).isEnded().hasPassed("EndEvent_AccessProvisioned");
    }

    // ---- employee registry ---------------------------------------------------------------------------------------

    @Test
    void anApprovedJoinerIsAPreHireWithItsStartDateUntilTheAppsAreProvisioned() {
        LocalDate startDate = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        VariableMap variables = engineer();
        variables.put("startDate", startDate.toString());
        ProcessInstance joiner = start(variables);
        org.assertj.core.api.Assertions.assertThat(registry.find(EMPLOYEE)).isEmpty();

        decideAs("manager1", true);
        runDueJobs(processEngine, joiner.getId());

        assertThat(joiner).isWaitingAt("IntermediateEvent_ProvisioningDue");
        org.assertj.core.api.Assertions.assertThat(registry.find(EMPLOYEE)).contains(jane(EmployeeStatus.PRE_HIRE, startDate));
    }

    @Test
    void aProvisionedJoinerIsAnActiveEmployeeWithEveryFactOfTheRequest() {
        ProcessInstance joiner = start(engineer());

        decideAs("manager1", true);
        runDueJobs(processEngine, joiner.getId());

        assertThat(joiner).isEnded().hasPassed("EndEvent_AccessProvisioned");
        org.assertj.core.api.Assertions.assertThat(registry.find(EMPLOYEE))
                .contains(jane(EmployeeStatus.ACTIVE, LocalDate.now(ZoneOffset.UTC)));
    }

    @Test
    void aRejectedJoinerLeavesNoRecord() {
        ProcessInstance joiner = start(engineer());

        decideAs("manager1", false);
        runDueJobs(processEngine, joiner.getId());

        org.assertj.core.api.Assertions.assertThat(registry.find(EMPLOYEE)).isEmpty();
    }

    @Test
    void aRolledBackJoinerLeavesAPreHireThatIsNotEmployed() {
        doThrow(new ScimException.BadRequest(400, "invalidValue", "group is read-only", "400 invalidValue: group is read-only"))
                .when(provisioning).addMembership("cortex", EMPLOYEE, "jane.doe@example.com", "engineering");
        ProcessInstance joiner = start(engineer());

        decideAs("manager1", true);
        runDueJobs(processEngine, joiner.getId());

        assertThat(joiner).isEnded().hasPassed("EndEvent_RequestRolledBack");
        org.assertj.core.api.Assertions.assertThat(registry.find(EMPLOYEE)).get()
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(EmployeeStatus.PRE_HIRE))
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.employed()).isFalse());
    }

    // ---- failures ----------------------------------------------------------------------------------------------

    @Test
    void aPermanentFailureOnOneAppUndoesEveryCompletedWriteOnAllApps() {
        doThrow(new ScimException.BadRequest(400, "invalidValue", "group is read-only", "400 invalidValue: group is read-only"))
                .when(provisioning).addMembership("cortex", EMPLOYEE, "jane.doe@example.com", "service-owners");
        ProcessInstance joiner = start(joinerVariables("Engineering", "Staff Engineer", ""));

        decideAs("manager1", true);
        runDueJobs(processEngine, joiner.getId());

        verify(provisioning).addMembership("coralogix", EMPLOYEE, "jane.doe@example.com", "observability-viewers");
        verify(provisioning).removeMembership("coralogix", EMPLOYEE, "jane.doe@example.com", "observability-viewers");
        verify(provisioning).removeMembership("cortex", EMPLOYEE, "jane.doe@example.com", "engineering");
        verify(provisioning, never()).removeMembership("cortex", EMPLOYEE, "jane.doe@example.com", "service-owners");
        verify(provisioning).undoCreatedAccount("coralogix", EMPLOYEE);
        verify(provisioning).undoCreatedAccount("cortex", EMPLOYEE);
        verify(notifications).requestFailed(eq(Recipients.groups("hr").and(Recipients.users("hr1")).and(Recipients.groups("it-ops"))),
                eq("joiner " + EMPLOYEE), contains("target cortex: refused the request"));
        assertThat(joiner).isEnded().hasPassed("IntermediateThrowEvent_UndoProvisioning", "EndEvent_RequestRolledBack")
                .hasNotPassed("EndEvent_AccessProvisioned");
    }

    @Test
    void aRefusedAccountRollsBackTheOtherAppsButLeavesAnAdoptedAccountAlone() {
        links.put("coralogix", link("coralogix", AccountOrigin.ADOPTED, LinkState.DELETED));
        when(provisioning.ensureUser(eq("coralogix"), any(Employee.class))).thenReturn(link("coralogix", AccountOrigin.ADOPTED, LinkState.ACTIVE));
        doThrow(new ScimException.Forbidden(null, "403 the token may not create users"))
                .when(provisioning).ensureUser(eq("cortex"), any(Employee.class));
        ProcessInstance joiner = start(engineer());

        decideAs("manager1", true);
        runDueJobs(processEngine, joiner.getId());

        verify(provisioning).removeMembership("coralogix", EMPLOYEE, "jane.doe@example.com", "observability-viewers");
        verify(provisioning, never()).undoCreatedAccount(anyString(), anyString());
        verify(provisioning, never()).deactivate(anyString(), anyString());
        assertThat(joiner).isEnded().hasPassed("BoundaryEvent_EnsureAccountFailed", "EndEvent_RequestRolledBack");
    }

    @Test
    void exhaustedRetriesOfATransientFailureBecomeAnIncident() {
        doThrow(new ScimException.Unavailable(503, "POST /Users answered 503", null)).when(provisioning).ensureUser(eq("cortex"), any(Employee.class));
        ProcessInstance joiner = start(engineer());
        decideAs("manager1", true);
        runDueJobs(processEngine, joiner.getId());

        Job failing = processEngine.getManagementService().createJobQuery().processInstanceId(joiner.getId())
                .activityId("Task_EnsureAccount").withException().singleResult();
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                processEngine.getManagementService().executeJob(failing.getId());
            } catch (RuntimeException expected) {
                // each attempt fails again
            }
        }

        org.assertj.core.api.Assertions.assertThat(processEngine.getRuntimeService().createIncidentQuery()
                .processInstanceId(joiner.getId()).singleResult().getIncidentMessage()).isEqualTo("target cortex: POST /Users answered 503");
        assertThat(joiner).isNotEnded();
        verify(notifications, never()).requestFailed(any(), anyString(), anyString());
    }

    // ---- account conflict --------------------------------------------------------------------------------------

    @Test
    void opsLinkTheConflictingAccountAndTheJoinerGetsItsGroupsThere() {
        when(provisioning.ensureUser(eq("cortex"), any(Employee.class)))
                .thenThrow(new AccountConflictException("cortex", "an account with this userName exists and is not ours"))
                .thenReturn(link("cortex", AccountOrigin.ADOPTED, LinkState.ACTIVE));
        ProcessInstance joiner = start(engineer());
        decideAs("manager1", true);
        runDueJobs(processEngine, joiner.getId());

        assertThat(joiner).isWaitingAt("Task_ResolveAccountConflict");
        assertThat(processEngine.getTaskService().createTaskQuery().taskDefinitionKey("Task_ResolveAccountConflict")
                .singleResult()).hasCandidateGroup("it-ops");
        resolveConflictAs("ops1", "link");
        runDueJobs(processEngine, joiner.getId());

        verify(provisioning).addMembership("cortex", EMPLOYEE, "jane.doe@example.com", "engineering");
        assertThat(joiner).isEnded().hasPassed("Task_LinkExistingAccount", "EndEvent_AccessProvisioned");
    }

    @Test
    void opsAbortAfterAConflictAndTheRequestIsRolledBack() {
        doThrow(new AccountConflictException("cortex", "an account with this userName exists and is not ours"))
                .when(provisioning).ensureUser(eq("cortex"), any(Employee.class));
        ProcessInstance joiner = start(engineer());
        decideAs("manager1", true);
        runDueJobs(processEngine, joiner.getId());

        resolveConflictAs("ops1", "abort");
        runDueJobs(processEngine, joiner.getId());

        verify(provisioning).undoCreatedAccount("coralogix", EMPLOYEE);
        verify(notifications).requestFailed(any(), eq("joiner " + EMPLOYEE), contains("IT ops chose to abort"));
        assertThat(joiner).isEnded().hasPassed("EndEvent_ConflictAborted", "EndEvent_RequestRolledBack");
    }

    @Test
    void aLinkWhoseAccountIsStillNotMarkedAsOursRollsTheRequestBack() {
        doThrow(new AccountConflictException("cortex", "an account with this userName exists and is not ours"))
                .when(provisioning).ensureUser(eq("cortex"), any(Employee.class));
        ProcessInstance joiner = start(engineer());
        decideAs("manager1", true);
        runDueJobs(processEngine, joiner.getId());

        resolveConflictAs("ops1", "link");
        runDueJobs(processEngine, joiner.getId());

        verify(notifications).requestFailed(any(), eq("joiner " + EMPLOYEE), contains("ops chose to link, but target cortex"));
        assertThat(joiner).isEnded().hasPassed("BoundaryEvent_LinkFailed", "EndEvent_RequestRolledBack");
    }

    // ---- rehire ------------------------------------------------------------------------------------------------

    @Test
    void aRehireReactivatesTheOldAccountsAndAddsTheGroupsBackExplicitly() {
        links.put("coralogix", link("coralogix", AccountOrigin.CREATED, LinkState.DEACTIVATED));
        links.put("cortex", link("cortex", AccountOrigin.CREATED, LinkState.DEACTIVATED));
        when(provisioning.ensureUser(anyString(), any(Employee.class))).thenAnswer(call ->
                link(call.getArgument(0), AccountOrigin.REACTIVATED, LinkState.ACTIVE));
        doThrow(new ScimException.BadRequest(400, "invalidValue", "no such group", "400 invalidValue"))
                .when(provisioning).addMembership("cortex", EMPLOYEE, "jane.doe@example.com", "engineering");
        ProcessInstance joiner = start(engineer());

        decideAs("manager1", true);
        runDueJobs(processEngine, joiner.getId());

        var order = inOrder(provisioning);
        order.verify(provisioning).ensureUser(eq("coralogix"), any(Employee.class));
        order.verify(provisioning).addMembership("coralogix", EMPLOYEE, "jane.doe@example.com", "observability-viewers");
        // rolled back: the reactivated accounts are deactivated again, never "undone" as if created
        verify(provisioning).deactivate("coralogix", EMPLOYEE);
        verify(provisioning).deactivate("cortex", EMPLOYEE);
        verify(provisioning, never()).undoCreatedAccount(anyString(), anyString());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private ProcessInstance startLeaver() {
        ProcessInstance leaver = processEngine.getRuntimeService().startProcessInstanceByKey("leaver", EMPLOYEE);
        processEngine.getRuntimeService().setVariable(leaver.getId(), "lastDay", "2027-03-31"); // the stand-in has no form
        return leaver;
    }

    /** The end of the last day: the stand-in leaver starts removing access. */
    private void reachTheCutOff(ProcessInstance leaver) {
        var management = processEngine.getManagementService();
        management.executeJob(management.createJobQuery().processInstanceId(leaver.getId()).singleResult().getId());
        assertThat(leaver).isWaitingAt("Task_RemoveAccess");
    }

    private ProcessInstance start(VariableMap variables) {
        processEngine.getIdentityService().setAuthenticatedUserId("hr1");
        try {
            return processEngine.getRuntimeService().startProcessInstanceByKey("joiner", variables);
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
    }

    private void decideAs(String user, boolean approved) {
        Task approval = approval();
        processEngine.getIdentityService().setAuthenticatedUserId(user);
        try {
            processEngine.getTaskService().complete(approval.getId(),
                    withVariables("approved", approved, "comment", approved ? "fine" : "not needed"));
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
    }

    private void asUser(String user, Runnable work) {
        processEngine.getIdentityService().setAuthenticatedUserId(user);
        try {
            work.run();
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
    }

    private Task approval() {
        return processEngine.getTaskService().createTaskQuery().taskDefinitionKey("approveAccess").singleResult();
    }

    private void resolveConflictAs(String user, String resolution) {
        Task resolve = processEngine.getTaskService().createTaskQuery().taskDefinitionKey("Task_ResolveAccountConflict").singleResult();
        processEngine.getIdentityService().setAuthenticatedUserId(user);
        try {
            processEngine.getTaskService().complete(resolve.getId(), withVariables("conflictResolution", resolution, "comment", "checked"));
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
    }

    private static EmployeeRecord jane(EmployeeStatus status, LocalDate startDate) {
        return new EmployeeRecord(EMPLOYEE, "jane.doe@example.com", "Jane", "Doe", "Engineering", "Software Engineer",
                "manager1", status, startDate, null);
    }

    private static VariableMap engineer() {
        return joinerVariables("Engineering", "Software Engineer", "");
    }

    private static VariableMap joinerVariables(String department, String jobTitle, String requestedGroups) {
        return Variables.putValue("employeeId", EMPLOYEE).putValue("givenName", "Jane").putValue("familyName", "Doe")
                .putValue("email", "jane.doe@example.com").putValue("department", department).putValue("jobTitle", jobTitle)
                .putValue("managerId", "manager1").putValue("startDate", LocalDate.now(ZoneOffset.UTC).toString())
                .putValue("requestedGroups", requestedGroups);
    }

    private static AccountLink link(String target, AccountOrigin origin, LinkState state) {
        return new AccountLink(target, EMPLOYEE, "scim-" + target, "jane.doe@example.com", origin, state, java.time.Instant.now());
    }

}
