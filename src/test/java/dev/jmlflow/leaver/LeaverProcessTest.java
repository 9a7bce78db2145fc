package dev.jmlflow.leaver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.jmlflow.approval.Approvers;
import dev.jmlflow.approval.ApprovalRefusedException;
import dev.jmlflow.employee.EmployeeRecord;
import dev.jmlflow.employee.EmployeeRegistry;
import dev.jmlflow.employee.EmployeeStatus;
import dev.jmlflow.employee.Registries;
import dev.jmlflow.notification.NotificationService;
import dev.jmlflow.notification.Recipients;
import dev.jmlflow.provisioning.AccessFence;
import dev.jmlflow.process.FullProcessCoverage;
import dev.jmlflow.engine.CompanyTimeZone;
import dev.jmlflow.engine.Schedule;
import dev.jmlflow.process.ProcessTestBeans;
import dev.jmlflow.process.RunningRequests;
import dev.jmlflow.provisioning.AccountLink;
import dev.jmlflow.provisioning.AccountOrigin;
import dev.jmlflow.provisioning.IdentityLinkStore;
import dev.jmlflow.provisioning.IdentityMismatchException;
import dev.jmlflow.provisioning.LinkState;
import dev.jmlflow.provisioning.ProvisioningProperties;
import dev.jmlflow.provisioning.ProvisioningService;
import dev.jmlflow.provisioning.RetryLaterException;
import dev.jmlflow.targets.TargetProperties;
import dev.jmlflow.scim.ScimException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The leaver process on a lightweight engine, with the provisioning and mail services mocked and the employee
 * registry on H2 (this engine holds no history of the employee's joiner, as after history cleanup). Each test is one
 * path; together they cover every flow node and sequence flow of {@code leaver.bpmn} (the class fails otherwise).
 */
@Deployment(resources = {"processes/leaver.bpmn", "forms/leaver-start.form", "forms/leaver-waiver.form",
        "forms/approve-deletion.form"})
class LeaverProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
            .configurationResource(FullProcessCoverage.ENGINE_CONFIGURATION)
            .assertClassCoverageAtLeast(1.0)
            .excludeProcessDefinitionKeys("joiner", "mover")
            .build();

    private static final ZoneId COMPANY_ZONE = ZoneId.of("Europe/Berlin");
    private static final String EMPLOYEE = "E1001";
    private static final List<String> APPS = List.of("alpha", "beta", "gamma");

    private final ProvisioningService provisioning = mock(ProvisioningService.class);
    private final NotificationService notifications = mock(NotificationService.class);
    private final IdentityLinkStore linkStore = mock(IdentityLinkStore.class);
    private final AccessFence fence = mock(AccessFence.class);
    private final Map<String, AccountLink> links = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();
    private final EmployeeRegistry registry = Registries.onFreshH2();

    private ProcessEngine processEngine;

    @BeforeEach
    void wireBeans() {
        processEngine = engine.getProcessEngine();
        AbstractAssertions.init(processEngine);
        APPS.forEach(app -> links.put(app, link(app, LinkState.ACTIVE)));
        when(linkStore.findByEmployee(EMPLOYEE)).thenAnswer(call -> List.copyOf(links.values()));
        when(linkStore.findByEmployee("E404")).thenReturn(List.of());
        when(linkStore.find(anyString(), eq(EMPLOYEE))).thenAnswer(call -> Optional.ofNullable(links.get(call.<String>getArgument(0))));
        doAnswer(call -> links.computeIfPresent(call.getArgument(0), (app, link) -> withState(link, LinkState.DEACTIVATED)))
                .when(provisioning).deactivate(anyString(), eq(EMPLOYEE));
        doAnswer(call -> links.computeIfPresent(call.getArgument(0), (app, link) -> withState(link, LinkState.DELETED)))
                .when(provisioning).delete(anyString(), eq(EMPLOYEE));
        APPS.forEach(app -> groups.put(app, ConcurrentHashMap.newKeySet()));
        groups.values().forEach(memberOf -> memberOf.addAll(Set.of("staff", "engineering")));
        when(provisioning.currentGroups(anyString(), eq(EMPLOYEE))).thenAnswer(call -> Set.copyOf(groups.get(call.<String>getArgument(0))));
        doAnswer(call -> groups.get(call.<String>getArgument(0)).remove(call.<String>getArgument(2)))
                .when(provisioning).removeMembership(anyString(), eq(EMPLOYEE), anyString());
        when(provisioning.readsInactive(anyString(), eq(EMPLOYEE))).thenAnswer(call ->
                Optional.ofNullable(links.get(call.<String>getArgument(0))).map(l -> l.state() != LinkState.ACTIVE).orElse(false));

        LeaverProperties properties = new LeaverProperties(Duration.ofDays(30), java.time.Period.ofYears(1));
        LeaverSchedule schedule = new LeaverSchedule(new Schedule(new CompanyTimeZone(COMPANY_ZONE), ProcessTestBeans.SETTINGS),
                properties);
        LeaverAccounts accounts = new LeaverAccounts(linkStore);
        RunningRequests requests = new RunningRequests(processEngine.getRuntimeService());
        TargetProperties targets = new TargetProperties(Map.of());
        AccessCutOff cutOff = new AccessCutOff(provisioning, fence, accounts, targets, ProvisioningProperties.defaults());
        Mocks.register("approvers", new Approvers());
        Mocks.register("leaverSchedule", schedule);
        Mocks.register("leaverAccounts", accounts);
        Mocks.register("leaverRequestValidation", new LeaverRequestValidation(accounts, schedule, requests, registry));
        Mocks.register("leaverLastDayChangeValidation", new LeaverLastDayChangeValidation(schedule, registry));
        Mocks.register("leaverFindLinkedAccounts", new LeaverFindLinkedAccounts(fence, targets, accounts));
        Mocks.register("leaverStopPendingRequests", new LeaverStopPendingRequests(requests));
        Mocks.register("leaverDeactivateAccount", new LeaverDeactivateAccount(cutOff));
        Mocks.register("leaverRemoveGroupMemberships", new LeaverRemoveGroupMemberships(cutOff));
        Mocks.register("leaverVerifyAccessRemoved", new LeaverVerifyAccessRemoved(cutOff));
        Mocks.register("leaverLiftAccessFence", new LeaverLiftAccessFence(fence));
        Mocks.register("leaverNotifyOps", new LeaverNotifyOps(notifications));
        Mocks.register("leaverResolutionGuard", new LeaverResolutionGuard());
        Mocks.register("leaverNotifyAccessRemoved", new LeaverNotifyAccessRemoved(notifications, accounts,
                registry, schedule));
        Mocks.register("leaverEmployeeRecord", new LeaverEmployeeRecord(registry));
        Mocks.register("leaverListAccountsToDelete", new LeaverListAccountsToDelete(accounts));
        Mocks.register("leaverDeleteAccount", new LeaverDeleteAccount(provisioning, accounts));
        processEngine.getIdentityService().setAuthenticatedUserId("hr.anna");
    }

    @AfterEach
    void cleanUp() {
        ProcessTestBeans.reset(processEngine);
    }

    // ---- scheduling ------------------------------------------------------------------------------------------

    @Test
    void scheduledLeaverLosesAccessAtMidnightAfterTheLastDayInTheCompanyTimeZone() {
        String lastDay = LocalDate.now(COMPANY_ZONE).plusDays(10).toString();
        ProcessInstance leaver = startLeaver(lastDay, false);

        assertThat(leaver).isWaitingAt("Gateway_LastDayEvents");
        assertThat(timerDue(leaver)).isEqualTo(Date.from(
                ZonedDateTime.of(LocalDate.parse(lastDay).plusDays(1).atStartOfDay(), COMPANY_ZONE).toInstant()));
        verify(provisioning, never()).deactivate(anyString(), anyString());

        fireTimer(leaver);
        runDueJobs(leaver);

        APPS.forEach(app -> verify(provisioning).deactivate(app, EMPLOYEE));
        assertThat(leaver).hasPassed("IntermediateEvent_LastDayEnded", "Task_NotifyAccessRemoved")
                .isWaitingAt("IntermediateEvent_RetentionElapsed");
    }

    @Test
    void immediateLeaverStartsAtOnceWithJobsThatOutrankJoinersAndMovers() {
        ProcessInstance leaver = startLeaver(LocalDate.now(COMPANY_ZONE).plusDays(10).toString(), true);

        assertThat(jobs(leaver)).singleElement().satisfies(job -> assertThat(job.getPriority()).isEqualTo(100L));
        beginAccessRemoval(leaver);
        List<Job> jobs = jobs(leaver);
        assertThat(jobs).hasSize(APPS.size()).allSatisfy(job -> assertThat(job.getPriority()).isEqualTo(100L));
        assertThat(leaver).hasNotPassed("IntermediateEvent_LastDayEnded");

        runDueJobs(leaver);
        APPS.forEach(app -> verify(provisioning).deactivate(app, EMPLOYEE));
    }

    @Test
    void whatFollowsTheDeactivationsOutranksJoinersButLeavesTheLeaverLaneToTheNextCutOff() {
        ProcessInstance leaver = startLeaver(today(), true);
        beginAccessRemoval(leaver);
        jobs(leaver).forEach(this::executeIgnoringFailure);

        List<Job> followUps = jobs(leaver);
        assertThat(followUps).hasSize(APPS.size()).allSatisfy(job -> {
            assertThat(processEngine.getManagementService().createJobDefinitionQuery()
                    .jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId())
                    .isEqualTo("Task_RemoveGroupMemberships");
            assertThat(job.getPriority()).isEqualTo(50L);
        });
    }

    @Test
    void everyAppIsDeactivatedFirstThenRemovedFromEachGroupItIsIn() {
        ProcessInstance leaver = startLeaver(today(), true);
        runDueJobs(leaver);

        for (String app : APPS) {
            var order = org.mockito.Mockito.inOrder(provisioning);
            order.verify(provisioning).deactivate(app, EMPLOYEE);
            order.verify(provisioning).removeMembership(app, EMPLOYEE, "staff");
        }
        verify(provisioning, times(APPS.size())).removeMembership(anyString(), eq(EMPLOYEE), eq("engineering"));
        assertThat(links.values()).allSatisfy(link -> assertThat(link.state()).isEqualTo(LinkState.DEACTIVATED));
    }

    @Test
    void hrAndTheManagerOfRecordAreToldWhenAccessIsRemoved() {
        registry.save(employee(EmployeeStatus.ACTIVE, "mgr.max"));

        runDueJobs(startLeaver(today(), true));

        verify(notifications).notify(eq(Recipients.groups("hr").and(Recipients.users("mgr.max"))),
                contains("Access removed: " + EMPLOYEE), contains("alpha: deactivated and verified"), eq(Optional.empty()));
    }

    @Test
    void aScheduledLeaverLeavesTheEmployeeActiveUntilTheLastDayEnds() {
        registry.save(employee(EmployeeStatus.ACTIVE, "mgr.max"));

        startLeaver(LocalDate.now(COMPANY_ZONE).plusDays(10).toString(), false);

        assertThat(registry.find(EMPLOYEE)).get().extracting(EmployeeRecord::status).isEqualTo(EmployeeStatus.ACTIVE);
    }

    @Test
    void whileAnAppIsBlockedTheEmployeeIsLeavingWithTheLastDay() {
        registry.save(employee(EmployeeStatus.ACTIVE, "mgr.max"));
        doThrow(new IdentityMismatchException("beta", "mismatch")).when(provisioning).deactivate("beta", EMPLOYEE);

        runDueJobs(startLeaver(today(), true));

        assertThat(registry.find(EMPLOYEE)).get().satisfies(e -> {
            assertThat(e.status()).isEqualTo(EmployeeStatus.LEAVING);
            assertThat(e.lastDay()).isEqualTo(LocalDate.parse(today()));
        });
    }

    @Test
    void onceAccessIsRemovedEverywhereTheEmployeeHasLeftAndKeepsTheManagerOfRecord() {
        registry.save(employee(EmployeeStatus.ACTIVE, "mgr.max"));

        runDueJobs(startLeaver(today(), true));

        assertThat(registry.find(EMPLOYEE)).get().satisfies(e -> {
            assertThat(e.status()).isEqualTo(EmployeeStatus.LEFT);
            assertThat(e.lastDay()).isEqualTo(LocalDate.parse(today()));
            assertThat(e.managerId()).isEqualTo("mgr.max");
        });
    }

    @Test
    void hrCanCancelAScheduledLeaverBeforeTheLastDayEnds() {
        ProcessInstance leaver = startLeaver(LocalDate.now(COMPANY_ZONE).plusDays(10).toString(), false);

        processEngine.getRuntimeService().createMessageCorrelation("LeaverCancelled")
                .processInstanceBusinessKey(EMPLOYEE).correlate();

        assertThat(leaver).hasPassed("IntermediateEvent_LeaverCancelled").isEnded();
        assertThat(leaver).hasPassed("EndEvent_LeaverCancelled");
        verify(provisioning, never()).deactivate(anyString(), anyString());
    }

    @Test
    void hrCanMoveTheLastDayAndTheCutOffMovesWithIt() {
        ProcessInstance leaver = startLeaver(LocalDate.now(COMPANY_ZONE).plusDays(10).toString(), false);
        String newLastDay = LocalDate.now(COMPANY_ZONE).plusDays(3).toString();

        processEngine.getRuntimeService().createMessageCorrelation("LeaverDateChanged")
                .processInstanceBusinessKey(EMPLOYEE).setVariable("lastDay", newLastDay).correlate();

        assertThat(leaver).hasPassed("IntermediateEvent_LeaverDateChanged").isWaitingAt("Gateway_LastDayEvents");
        assertThat(timerDue(leaver)).isEqualTo(Date.from(
                LocalDate.parse(newLastDay).plusDays(1).atStartOfDay(COMPANY_ZONE).toInstant()));
        verify(provisioning, never()).deactivate(anyString(), anyString());
    }

    @Test
    void cockpitReadsTheRequestAsOneSummaryLineThatFollowsAMovedLastDay() {
        registry.save(employee(EmployeeStatus.ACTIVE, "mgr.max"));
        String lastDay = LocalDate.now(COMPANY_ZONE).plusDays(10).toString();
        ProcessInstance leaver = startLeaver(lastDay, false);
        assertThat(leaver).variables()
                .containsEntry("requestSummary", "Leaver Erika Leaver (" + EMPLOYEE + "), last day " + lastDay);
        String newLastDay = LocalDate.now(COMPANY_ZONE).plusDays(3).toString();

        processEngine.getRuntimeService().createMessageCorrelation("LeaverDateChanged")
                .processInstanceBusinessKey(EMPLOYEE).setVariable("lastDay", newLastDay).correlate();

        assertThat(leaver).variables()
                .containsEntry("requestSummary", "Leaver Erika Leaver (" + EMPLOYEE + "), last day " + newLastDay);
    }

    @Test
    void aMovedLastDayThatIsNotADateIsRefusedAndTheOldCutOffStays() {
        ProcessInstance leaver = startLeaver(LocalDate.now(COMPANY_ZONE).plusDays(10).toString(), false);
        Date before = timerDue(leaver);

        assertThatThrownBy(() -> processEngine.getRuntimeService()
                        .createMessageCorrelation("LeaverDateChanged").processInstanceBusinessKey(EMPLOYEE)
                        .setVariable("lastDay", "31.12.2030").correlate())
                .hasMessageContaining("yyyy-MM-dd");
        assertThat(timerDue(leaver)).isEqualTo(before);
    }

    @Test
    void aMovedLastDayInThePastIsRefusedAndTheOldCutOffStays() {
        String lastDay = LocalDate.now(COMPANY_ZONE).plusDays(10).toString();
        ProcessInstance leaver = startLeaver(lastDay, false);
        Date before = timerDue(leaver);

        assertThatThrownBy(() -> processEngine.getRuntimeService()
                        .createMessageCorrelation("LeaverDateChanged").processInstanceBusinessKey(EMPLOYEE)
                        .setVariable("lastDay", LocalDate.now(COMPANY_ZONE).minusDays(1).toString()).correlate())
                .isInstanceOf(NotValidException.class)
                .hasMessageStartingWith("The last day was not changed.").hasMessageContaining("is in the past");
        assertThat(timerDue(leaver)).isEqualTo(before);
        assertThat(processEngine.getRuntimeService().getVariable(leaver.getId(), "lastDay")).isEqualTo(lastDay);
    }

    // ---- pending joiners and movers ----------------------------------------------------------------------------

    @Test
    void whenAccessEndsTheEmployeesJoinersAndMoversAreDeletedAndTheLeaverNamesThem() {
        String standIns = deployJoinerAndMoverStandIns();
        try {
            String joiner = startStandIn("joiner", EMPLOYEE);
            String mover = startStandIn("mover", EMPLOYEE);
            String someoneElsesJoiner = startStandIn("joiner", "E2002");

            ProcessInstance leaver = startLeaver(today(), true);
            beginAccessRemoval(leaver);

            assertThat(deleteReason(joiner)).isEqualTo("superseded by leaver " + leaver.getId());
            assertThat(deleteReason(mover)).isEqualTo("superseded by leaver " + leaver.getId());
            assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(someoneElsesJoiner).count()).isOne();
            assertThat(processEngine.getRuntimeService().getVariable(leaver.getId(), "supersededRequests"))
                    .isEqualTo("joiner " + joiner + ", mover " + mover);
            runDueJobs(leaver);
            verify(notifications).notify(any(), contains("Access removed: " + EMPLOYEE),
                    contains("Stopped so they cannot grant access after this leaver: joiner " + joiner + ", mover " + mover),
                    eq(Optional.empty()));
        } finally {
            processEngine.getRepositoryService().deleteDeployment(standIns, true);
        }
    }

    @Test
    void hrsStartOfAnImmediateLeaverTouchesNoOtherRequestItsFirstJobStopsThem() {
        String standIns = deployJoinerAndMoverStandIns();
        try {
            String joiner = startStandIn("joiner", EMPLOYEE);

            ProcessInstance leaver = startLeaver(today(), true);

            // a job of the joiner may be committing right now; only a job is run again when that conflicts
            assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(joiner).count()).isOne();
            verify(fence, never()).cut(anyString(), anyString(), any());
            assertThat(jobs(leaver)).hasSize(1);
            assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(leaver.getId())
                    .activityId("Task_FindLinkedAccounts").count()).isOne();
            beginAccessRemoval(leaver);
            assertThat(deleteReason(joiner)).isEqualTo("superseded by leaver " + leaver.getId());
        } finally {
            processEngine.getRepositoryService().deleteDeployment(standIns, true);
        }
    }

    @Test
    void aMoverTheLeaverStoppedDoesNotMakeItsNewManagerTheManagerOfRecord() {
        String standIns = deployJoinerAndMoverStandIns();
        try {
            registry.save(employee(EmployeeStatus.ACTIVE, "mgr.max"));
            processEngine.getRuntimeService().setVariable(startStandIn("mover", EMPLOYEE), "managerId", "mgr.new");

            runDueJobs(startLeaver(today(), true));

            verify(notifications).notify(eq(Recipients.groups("hr").and(Recipients.users("mgr.max"))),
                    contains("Access removed: " + EMPLOYEE), anyString(), eq(Optional.empty()));
        } finally {
            processEngine.getRepositoryService().deleteDeployment(standIns, true);
        }
    }

    @Test
    void aScheduledLeaverLeavesAMoverAloneUntilTheLastDayEnds() {
        String standIns = deployJoinerAndMoverStandIns();
        try {
            String mover = startStandIn("mover", EMPLOYEE);
            ProcessInstance leaver = startLeaver(LocalDate.now(COMPANY_ZONE).plusDays(10).toString(), false);
            assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(mover).count()).isOne();

            fireTimer(leaver);

            assertThat(deleteReason(mover)).isEqualTo("superseded by leaver " + leaver.getId());
            assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(leaver.getId())
                    .variableName("supersededRequests").singleResult().getValue()).isEqualTo("mover " + mover);
        } finally {
            processEngine.getRepositoryService().deleteDeployment(standIns, true);
        }
    }

    // ---- the cut-off and create attempts ------------------------------------------------------------------------

    @Test
    void aLeaverForAnEmployeeWhoseOnlyRowIsACreateAttemptIsAcceptedStopsTheJoinerAndCoversTheAttempt() {
        links.clear();
        when(linkStore.pendingCreates(EMPLOYEE)).thenReturn(List.of(
                new IdentityLinkStore.PendingCreate("beta", EMPLOYEE, "e1001@example.com", Instant.now())));
        // the lookup finds the account the timed-out create made
        doAnswer(call -> links.put("beta", link("beta", LinkState.ACTIVE)))
                .when(provisioning).resolvePendingCreate(eq("beta"), eq(EMPLOYEE), any());
        String standIns = deployJoinerAndMoverStandIns();
        try {
            String joiner = startStandIn("joiner", EMPLOYEE);

            ProcessInstance leaver = startLeaver(today(), true);
            runDueJobs(leaver);

            assertThat(deleteReason(joiner)).isEqualTo("superseded by leaver " + leaver.getId());
            var order = org.mockito.Mockito.inOrder(provisioning);
            order.verify(provisioning).resolvePendingCreate(eq("beta"), eq(EMPLOYEE), any());
            order.verify(provisioning).deactivate("beta", EMPLOYEE);
            assertThat(links.get("beta").state()).isEqualTo(LinkState.DEACTIVATED);
            assertThat(leaver).hasPassed("Task_NotifyAccessRemoved");
            verify(notifications).notify(any(), contains("Access removed"), contains("beta: deactivated and verified"), any());
        } finally {
            processEngine.getRepositoryService().deleteDeployment(standIns, true);
        }
    }

    @Test
    void aLeaverForAnEmployeeWhoseJoinerHasNotProvisionedYetIsAcceptedAndStopsIt() {
        links.clear();
        String standIns = deployJoinerAndMoverStandIns();
        try {
            String joiner = startStandIn("joiner", EMPLOYEE);

            ProcessInstance leaver = startLeaver(today(), true);
            runDueJobs(leaver);

            assertThat(deleteReason(joiner)).isEqualTo("superseded by leaver " + leaver.getId());
            verify(notifications).notify(any(), contains("Access removed"), contains("No app had an account"), any());
        } finally {
            processEngine.getRepositoryService().deleteDeployment(standIns, true);
        }
    }

    @Test
    void theCutOffIsCommittedBeforeTheLeaverReadsWhichAccountsToCover() {
        ProcessInstance leaver = startLeaver(today(), true);
        beginAccessRemoval(leaver);

        var order = org.mockito.Mockito.inOrder(fence, linkStore);
        order.verify(fence).cut(eq(EMPLOYEE), eq(leaver.getId()), any());
        order.verify(linkStore).findByEmployee(EMPLOYEE);
        order.verify(linkStore).pendingCreates(EMPLOYEE);
    }

    @Test
    void aCreateAttemptThatMayStillLandKeepsTheDeactivationRetryingAndNothingIsSaidRemoved() {
        when(linkStore.pendingCreates(EMPLOYEE)).thenReturn(List.of(
                new IdentityLinkStore.PendingCreate("beta", EMPLOYEE, "e1001@example.com", Instant.now())));
        doThrow(new RetryLaterException("beta", "the create sent for employee E1001 may still land", Duration.ofSeconds(30)))
                .when(provisioning).resolvePendingCreate(eq("beta"), eq(EMPLOYEE), any());
        ProcessInstance leaver = startLeaver(today(), true);
        runDueJobs(leaver);

        verify(provisioning, never()).deactivate("beta", EMPLOYEE);
        assertThat(failedJob(leaver, "Task_DeactivateAccount").getExceptionMessage()).contains("may still land");
        assertThat(leaver).hasNotPassed("Task_NotifyAccessRemoved");
        verify(notifications, never()).notify(any(), contains("Access removed"), anyString(), any());
    }

    @Test
    void theReadBackWaitsUntilAWriteAdmittedBeforeTheCutOffCanNoLongerLand() {
        when(fence.lastAdmission("beta", EMPLOYEE)).thenReturn(Optional.of(Instant.now()));
        ProcessInstance leaver = startLeaver(today(), true);
        runDueJobs(leaver);

        Job verifying = failedJob(leaver, "Task_VerifyAccessRemoved");
        assertThat(verifying.getExceptionMessage()).contains("may still land until");
        assertThat(leaver).hasNotPassed("Task_NotifyAccessRemoved");

        when(fence.lastAdmission("beta", EMPLOYEE)).thenReturn(Optional.of(Instant.now().minus(Duration.ofMinutes(5))));
        processEngine.getManagementService().executeJob(verifying.getId());
        runDueJobs(leaver);
        assertThat(leaver).hasPassed("Task_NotifyAccessRemoved");
    }

    @Test
    void aReactivationAndAMembershipThatLandedAfterTheCutAreUndoneByTheReadBack() {
        when(provisioning.readsInactive("beta", EMPLOYEE)).thenReturn(false);
        when(provisioning.currentGroups("beta", EMPLOYEE)).thenReturn(Set.of(), Set.of("staff"), Set.of());
        ProcessInstance leaver = startLeaver(today(), true);
        runDueJobs(leaver);

        verify(provisioning, times(2)).deactivate("beta", EMPLOYEE);
        verify(provisioning).removeMembership("beta", EMPLOYEE, "staff");
        assertThat(leaver).hasPassed("Task_NotifyAccessRemoved");
    }

    @Test
    void aReadBackThatStillShowsAGroupKeepsRetryingAndNothingIsSaidRemoved() {
        when(provisioning.currentGroups("beta", EMPLOYEE)).thenReturn(Set.of("staff"));
        ProcessInstance leaver = startLeaver(today(), true);
        runDueJobs(leaver);

        assertThat(failedJob(leaver, "Task_VerifyAccessRemoved").getExceptionMessage()).contains("still shows group memberships");
        assertThat(leaver).hasNotPassed("Task_NotifyAccessRemoved");
    }

    @Test
    void anAccountFoundGoneWhenDeactivatingIsNotAskedForItsGroups() {
        doAnswer(call -> links.computeIfPresent("beta", (app, link) -> withState(link, LinkState.DELETED)))
                .when(provisioning).deactivate("beta", EMPLOYEE);
        ProcessInstance leaver = startLeaver(today(), true);
        runDueJobs(leaver);

        verify(provisioning, never()).currentGroups("beta", EMPLOYEE);
        assertThat(leaver).hasPassed("Task_NotifyAccessRemoved");
    }

    @Test
    void theCutOffIsLiftedWhenTheLeaverEndsSoThatARehireCanBeProvisioned() {
        ProcessInstance leaver = deprovisionedAndRetentionOver();
        verify(fence, never()).lift(anyString(), anyString());

        asAppOwner(() -> complete(deletionApproval(leaver), withVariables("approved", false)));

        assertThat(leaver).isEnded();
        verify(fence).lift(EMPLOYEE, leaver.getId());
    }

    // ---- start validation -------------------------------------------------------------------------------------

    @Test
    void anEmployeeWithoutLinkedAccountsCannotLeave() {
        assertRefused(Map.of("employeeId", "E404", "lastDay", today(), "immediate", true, "reason", "resigned"),
                "no account is linked to 'E404'");
    }

    @Test
    void anEmployeeTheRegistryKnowsWithoutLinkedAccountsIsRefusedSayingWhatIsKnown() {
        registry.save(new EmployeeRecord("E405", "e405@example.com", "Nora", "Nolinks", "Engineering", "Developer",
                "mgr.max", EmployeeStatus.ACTIVE, LocalDate.of(2024, 4, 1), null));

        assertRefused(Map.of("employeeId", "E405", "lastDay", today(), "immediate", true, "reason", "resigned"),
                "E405 (e405@example.com) is in the employee registry as ACTIVE, but no account of theirs is linked");
    }

    @Test
    void anEmployeeWhoHasLeftIsRefusedNamingTheirLastDay() {
        registry.save(new EmployeeRecord("E406", "e406@example.com", "Lea", "Gone", "Engineering", "Developer",
                "mgr.max", EmployeeStatus.LEFT, LocalDate.of(2024, 4, 1), LocalDate.of(2025, 3, 31)));

        assertRefused(Map.of("employeeId", "E406", "lastDay", today(), "immediate", true, "reason", "resigned"),
                "E406 has already left (last day 2025-03-31)");
    }

    @Test
    void aLastDayThatIsNotADateIsRefused() {
        assertRefused(Map.of("employeeId", EMPLOYEE, "lastDay", "2026-02-30", "immediate", true, "reason", "resigned"),
                "lastDay");
    }

    @Test
    void aPastLastDayNeedsTheImmediateFlag() {
        assertRefused(Map.of("employeeId", EMPLOYEE, "lastDay", LocalDate.now(COMPANY_ZONE).minusDays(2).toString(),
                "immediate", false, "reason", "resigned"), "in the past");
    }

    @Test
    void aLastDayBeyondTheHorizonIsRefused() {
        String tooFar = LocalDate.now(COMPANY_ZONE).plusYears(1).plusDays(1).toString();

        assertRefused(Map.of("employeeId", EMPLOYEE, "lastDay", tooFar, "immediate", false, "reason", "resigned"),
                "lastDay: " + tooFar + " is too far ahead; the latest allowed is " + LocalDate.now(COMPANY_ZONE).plusYears(1));
    }

    @Test
    void aLeaverNeedsAReason() {
        assertRefused(Map.of("employeeId", EMPLOYEE, "lastDay", today(), "immediate", true, "reason", "  "), "reason");
    }

    @Test
    void aSecondLeaverForTheSameEmployeeIsRefused() {
        startLeaver(LocalDate.now(COMPANY_ZONE).plusDays(10).toString(), false);
        assertRefused(Map.of("employeeId", EMPLOYEE, "lastDay", today(), "immediate", true, "reason", "again"),
                "already running");
    }

    @Test
    void theEmployeeIdBecomesTheBusinessKey() {
        ProcessInstance leaver = processEngine.getRuntimeService().startProcessInstanceByKey("leaver",
                Variables.putValue("employeeId", EMPLOYEE).putValue("lastDay", LocalDate.now(COMPANY_ZONE).plusDays(5).toString())
                        .putValue("reason", "resigned"));

        assertThat(leaver).hasBusinessKey(EMPLOYEE).hasVariables("immediate");
        assertThat(processEngine.getRuntimeService().getVariable(leaver.getId(), "immediate")).isEqualTo(false);
    }

    // ---- trouble ---------------------------------------------------------------------------------------------

    @Test
    void anIdentityMismatchWritesNothingAndAsksOpsWhoCanRetryAfterAFix() {
        doThrow(new IdentityMismatchException("beta", "stored id now belongs to someone else"))
                .doAnswer(call -> links.computeIfPresent("beta", (app, link) -> withState(link, LinkState.DEACTIVATED)))
                .when(provisioning).deactivate("beta", EMPLOYEE);
        ProcessInstance leaver = startLeaver(today(), true);
        runDueJobs(leaver);

        Task resolve = opsTask(leaver);
        assertThat(resolve).hasCandidateGroup("it-ops");
        assertThat(processEngine.getTaskService().getVariable(resolve.getId(), "problem").toString())
                .contains("stored id now belongs to someone else");
        verify(provisioning, never()).removeMembership(eq("beta"), anyString(), anyString());
        verify(notifications).notify(eq(Recipients.groups("it-ops")), contains("beta"), contains("Nothing was written"),
                eq(Optional.empty()));
        assertThat(leaver).hasPassed("BoundaryEvent_IdentityMismatch").isNotEnded();

        asOps(() -> complete(resolve, withVariables("resolution", "retry")));
        runDueJobs(leaver);

        verify(provisioning, times(2)).deactivate("beta", EMPLOYEE);
        assertThat(links.get("beta").state()).isEqualTo(LinkState.DEACTIVATED);
        assertThat(leaver).hasPassed("EndEvent_AccountDeprovisioned").isWaitingAt("IntermediateEvent_RetentionElapsed");
    }

    @Test
    void opsCanRecordAWaiverWithAReasonAndTheRequestFinishes() {
        doThrow(new IdentityMismatchException("beta", "two accounts answer to this userName"))
                .when(provisioning).deactivate("beta", EMPLOYEE);
        ProcessInstance leaver = startLeaver(today(), true);
        runDueJobs(leaver);

        asOps(() -> complete(opsTask(leaver), withVariables("resolution", "waive",
                "waiverReason", "beta is being decommissioned this week")));
        runDueJobs(leaver);

        assertThat(leaver).hasPassed("EndEvent_AccountWaived", "Task_NotifyAccessRemoved")
                .isWaitingAt("IntermediateEvent_RetentionElapsed");
        assertThat(historicValue(leaver, "waivedBy")).isEqualTo("ops.olga");
        assertThat(historicValue(leaver, "waiverReason")).isEqualTo("beta is being decommissioned this week");
        verify(notifications).notify(any(), contains("Access removed"), contains("beta: NOT verified deactivated"), any());
    }

    @Test
    void aWaiverWithoutAReasonIsRefused() {
        doThrow(new IdentityMismatchException("beta", "mismatch")).when(provisioning).deactivate("beta", EMPLOYEE);
        ProcessInstance leaver = startLeaver(today(), true);
        runDueJobs(leaver);
        Task resolve = opsTask(leaver);

        assertThatThrownBy(() -> asOps(() ->
                        processEngine.getTaskService().complete(resolve.getId(), Variables.putValue("resolution", "waive"))))
                .hasRootCauseInstanceOf(NotValidException.class).hasMessageContaining("waiverReason: a waiver needs a reason");
        assertThat(leaver).isWaitingAt("Task_ResolveIdentityMismatch");
    }

    @Test
    void completingTheWaiverTaskMaySetOnlyItsFormsFields() {
        doThrow(new IdentityMismatchException("beta", "mismatch")).when(provisioning).deactivate("beta", EMPLOYEE);
        ProcessInstance leaver = startLeaver(today(), true);
        runDueJobs(leaver);
        Task resolve = opsTask(leaver);

        assertThatThrownBy(() -> asOps(() -> processEngine.getTaskService().complete(resolve.getId(), Variables
                .putValue("resolution", "waive").putValue("waiverReason", "gone").putValue("linkedTargets", "alpha"))))
                .hasRootCauseInstanceOf(NotValidException.class)
                .hasRootCauseMessage("linkedTargets: is not a field of the form of 'Resolve blocked account'");
        assertThat(leaver).isWaitingAt("Task_ResolveIdentityMismatch");
    }

    @Test
    void theLeaverCannotWaiveTheirOwnAccountByUserIdOrByEmail() {
        ProcessTestBeans.createUsers(processEngine);
        ProcessTestBeans.user(processEngine.getIdentityService(), "olga", "E1001@example.com", "it-ops");
        doThrow(new IdentityMismatchException("beta", "mismatch")).when(provisioning).deactivate("beta", EMPLOYEE);
        ProcessInstance leaver = startLeaver(today(), true);
        runDueJobs(leaver);
        Task resolve = opsTask(leaver);

        for (String self : List.of(EMPLOYEE, "olga")) {
            assertThatThrownBy(() -> as(self, () -> complete(resolve, withVariables("resolution", "waive", "waiverReason", "mine"))))
                    .hasRootCauseInstanceOf(ApprovalRefusedException.class)
                    .hasMessageContaining("assignee: " + self + " is the person this request is about and may not complete");
        }
        assertThat(leaver).isWaitingAt("Task_ResolveIdentityMismatch");
    }

    @Test
    void anAppThatRefusesTheDeactivationForGoodGoesToOpsToo() {
        doThrow(new ScimException.Forbidden(null, "403 the token may not change users"))
                .when(provisioning).deactivate("gamma", EMPLOYEE);
        ProcessInstance leaver = startLeaver(today(), true);
        runDueJobs(leaver);

        assertThat(leaver).hasPassed("BoundaryEvent_TargetRefused").isWaitingAt("Task_ResolveIdentityMismatch");
        assertThat(processEngine.getTaskService().getVariable(opsTask(leaver).getId(), "target")).isEqualTo("gamma");
    }

    @Test
    void exhaustedRetriesBecomeAnIncidentAndTheRequestStaysOpen() {
        doThrow(new ScimException.Unavailable(503, "PATCH /Users/u1 answered 503", null)).when(provisioning).deactivate("beta", EMPLOYEE);
        ProcessInstance leaver = startLeaver(today(), true);
        runDueJobs(leaver);

        Job failing = processEngine.getManagementService().createJobQuery().processInstanceId(leaver.getId())
                .activityId("Task_DeactivateAccount").singleResult();
        while (failing.getRetries() > 0) {
            executeIgnoringFailure(failing);
            failing = processEngine.getManagementService().createJobQuery().jobId(failing.getId()).singleResult();
        }

        assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(leaver.getId())
                .activityId("Task_DeactivateAccount").singleResult().getIncidentMessage())
                .isEqualTo("target beta: PATCH /Users/u1 answered 503");
        assertThat(leaver).isNotEnded();
        assertThat(leaver).hasNotPassed("Task_NotifyAccessRemoved");
    }

    @Test
    void aThrottledLeaverWaitsThroughRetryAfterWithoutAnIncidentAndCompletesAfterwards() {
        ClockUtil.setCurrentTime(new Date());
        doThrow(new ScimException.RateLimited(Duration.ofSeconds(3600), "PATCH /Users/scim-beta answered 429"))
                .doAnswer(call -> links.computeIfPresent("beta", (app, link) -> withState(link, LinkState.DEACTIVATED)))
                .when(provisioning).deactivate("beta", EMPLOYEE);
        ProcessInstance leaver = startLeaver(today(), true);
        Instant throttledAt = ClockUtil.getCurrentTime().toInstant();
        runDueJobs(leaver);

        Job waiting = processEngine.getManagementService().createJobQuery().processInstanceId(leaver.getId())
                .activityId("Task_DeactivateAccount").singleResult();
        assertThat(waiting.getDuedate().toInstant()).isBetween(throttledAt.plusSeconds(3600), throttledAt.plusSeconds(3660));
        assertThat(waiting.getRetries()).isEqualTo(10);
        assertThat(waiting.getExceptionMessage()).contains("target beta", "429");
        assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(leaver.getId()).count()).isZero();

        ClockUtil.setCurrentTime(Date.from(waiting.getDuedate().toInstant().plusSeconds(1)));
        runDueJobs(leaver);

        assertThat(links.values()).allSatisfy(link -> assertThat(link.state()).isEqualTo(LinkState.DEACTIVATED));
        assertThat(leaver).hasPassed("Task_NotifyAccessRemoved").isWaitingAt("IntermediateEvent_RetentionElapsed");
    }

    @Test
    void oneAppFailingDoesNotHoldUpTheOthers() {
        doThrow(new ScimException.Unavailable(503, "PATCH /Users/u1 answered 503", null)).when(provisioning).deactivate("beta", EMPLOYEE);
        ProcessInstance leaver = startLeaver(today(), true);
        runDueJobs(leaver);

        assertThat(links.get("alpha").state()).isEqualTo(LinkState.DEACTIVATED);
        assertThat(links.get("gamma").state()).isEqualTo(LinkState.DEACTIVATED);
        verify(provisioning).removeMembership("alpha", EMPLOYEE, "staff");
        verify(provisioning).removeMembership("gamma", EMPLOYEE, "staff");
        verify(provisioning, never()).removeMembership(eq("beta"), anyString(), anyString());
        assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(leaver.getId())
                .activityId("Task_DeactivateAccount").withException().count()).isEqualTo(1);
    }

    @Test
    void nothingEverReactivatesAnAccount() {
        doThrow(new IdentityMismatchException("beta", "mismatch")).when(provisioning).deactivate("beta", EMPLOYEE);
        ProcessInstance leaver = startLeaver(today(), true);
        runDueJobs(leaver);
        asOps(() -> complete(opsTask(leaver), withVariables("resolution", "waive", "waiverReason", "app retired")));
        runDueJobs(leaver);

        verify(provisioning, never()).reactivate(anyString(), anyString());
        verify(provisioning, never()).undoCreatedAccount(anyString(), anyString());
    }

    // ---- deletion --------------------------------------------------------------------------------------------

    @Test
    void afterTheRetentionPeriodAnApprovedDeletionDeletesEveryDeactivatedAccount() {
        ProcessInstance leaver = deprovisionedAndRetentionOver();

        Task approval = deletionApproval(leaver);
        assertThat(approval).hasCandidateGroup("app-owners");
        assertThat(processEngine.getTaskService().getVariable(approval.getId(), "accountsToDelete")).isEqualTo("alpha,beta,gamma");
        asAppOwner(() -> complete(approval, withVariables("approved", true, "comment", "retention over")));
        runDueJobs(leaver);

        APPS.forEach(app -> verify(provisioning).delete(app, EMPLOYEE));
        assertThat(leaver).hasPassed("EndEvent_AccountsDeleted").isEnded();
    }

    @Test
    void aRejectedDeletionKeepsTheAccountsDeactivated() {
        ProcessInstance leaver = deprovisionedAndRetentionOver();

        asAppOwner(() -> complete(deletionApproval(leaver), withVariables("approved", false, "comment", "legal hold")));

        verify(provisioning, never()).delete(anyString(), anyString());
        assertThat(leaver).hasPassed("EndEvent_AccountsKeptDeactivated").isEnded();
        assertThat(links.values()).allSatisfy(link -> assertThat(link.state()).isEqualTo(LinkState.DEACTIVATED));
    }

    @Test
    void theRequesterMayNotApproveTheDeletion() {
        ProcessInstance leaver = deprovisionedAndRetentionOver();
        Task approval = deletionApproval(leaver);

        processEngine.getIdentityService().setAuthenticatedUserId("hr.anna");
        assertThatThrownBy(() -> processEngine.getTaskService()
                        .complete(approval.getId(), Variables.putValue("approved", true)))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class)
                .hasMessageContaining("approved: hr.anna requested this change");
        assertThat(leaver).isWaitingAt("approveDeletion");
    }

    @Test
    void completingTheDeletionApprovalMaySetOnlyApprovedAndComment() {
        ProcessInstance leaver = deprovisionedAndRetentionOver();
        Task approval = deletionApproval(leaver);

        assertThatThrownBy(() -> asAppOwner(() -> processEngine.getTaskService()
                        .complete(approval.getId(), Variables.putValue("approved", true).putValue("accountsToDelete", "alpha,beta,gamma,delta"))))
                .hasRootCauseInstanceOf(NotValidException.class)
                .hasRootCauseMessage("accountsToDelete: is not a field of the form of 'Approve account deletion'");
        verify(provisioning, never()).delete(anyString(), anyString());
    }

    @Test
    void anAccountReactivatedByARehireIsNotDeleted() {
        ProcessInstance leaver = deprovisionedAndRetentionOver();
        Task approval = deletionApproval(leaver);
        links.computeIfPresent("gamma", (app, link) -> withState(link, LinkState.ACTIVE));

        asAppOwner(() -> complete(approval, withVariables("approved", true)));
        runDueJobs(leaver);

        verify(provisioning).delete("alpha", EMPLOYEE);
        verify(provisioning, never()).delete("gamma", EMPLOYEE);
        assertThat(leaver).isEnded();
    }

    @Test
    void whenNoAccountIsLeftDeactivatedNobodyIsAskedToDelete() {
        ProcessInstance leaver = startLeaver(today(), true);
        runDueJobs(leaver);
        APPS.forEach(app -> links.computeIfPresent(app, (a, link) -> withState(link, LinkState.ACTIVE)));

        fireTimer(leaver);

        assertThat(leaver).hasPassed("EndEvent_NothingToDelete").isEnded();
        assertThat(leaver).hasNotPassed("approveDeletion");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** A joiner waiting in approval and a mover waiting for its effective date, as far as the leaver can tell. */
    private String deployJoinerAndMoverStandIns() {
        return processEngine.getRepositoryService().createDeployment()
                .addModelInstance("joiner.bpmn", org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("joiner")
                        .camundaHistoryTimeToLive(1).startEvent().userTask("approveAccess").endEvent("EndEvent_AccessProvisioned").done())
                .addModelInstance("mover.bpmn", org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("mover")
                        .camundaHistoryTimeToLive(1).startEvent().intermediateCatchEvent().timerWithDuration("P30D")
                        .endEvent("EndEvent_ChangeApplied").done())
                .deploy().getId();
    }

    private String startStandIn(String processKey, String employeeId) {
        return processEngine.getRuntimeService().startProcessInstanceByKey(processKey, employeeId).getId();
    }

    private String deleteReason(String processInstanceId) {
        return processEngine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult().getDeleteReason();
    }

    private ProcessInstance startLeaver(String lastDay, boolean immediate) {
        return processEngine.getRuntimeService().startProcessInstanceByKey("leaver", EMPLOYEE,
                Variables.putValue("employeeId", EMPLOYEE).putValue("lastDay", lastDay)
                        .putValue("immediate", immediate).putValue("reason", "resigned"));
    }

    private void assertRefused(Map<String, Object> variables, String message) {
        assertThatThrownBy(() -> processEngine.getRuntimeService()
                        .startProcessInstanceByKey("leaver", variables))
                .isInstanceOf(NotValidException.class).hasMessageContaining(message);
        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("leaver")
                .count()).isLessThanOrEqualTo(1);
    }

    private ProcessInstance deprovisionedAndRetentionOver() {
        ProcessInstance leaver = startLeaver(today(), true);
        runDueJobs(leaver);
        Job retention = processEngine.getManagementService().createJobQuery().processInstanceId(leaver.getId())
                .timers().singleResult();
        assertThat(retention.getDuedate()).isAfter(Date.from(Instant.now().plus(Duration.ofDays(29))));
        fireTimer(leaver);
        return leaver;
    }

    private Task deletionApproval(ProcessInstance leaver) {
        return processEngine.getTaskService().createTaskQuery().processInstanceId(leaver.getId())
                .taskDefinitionKey("approveDeletion").singleResult();
    }

    private Job failedJob(ProcessInstance leaver, String activityId) {
        return processEngine.getManagementService().createJobQuery().processInstanceId(leaver.getId())
                .activityId(activityId).withException().singleResult();
    }

    private Task opsTask(ProcessInstance leaver) {
        return processEngine.getTaskService().createTaskQuery().processInstanceId(leaver.getId())
                .taskDefinitionKey("Task_ResolveIdentityMismatch").singleResult();
    }

    private Date timerDue(ProcessInstance leaver) {
        return processEngine.getManagementService().createJobQuery().processInstanceId(leaver.getId()).timers()
                .singleResult().getDuedate();
    }

    private void fireTimer(ProcessInstance leaver) {
        Job timer = processEngine.getManagementService().createJobQuery().processInstanceId(leaver.getId()).timers()
                .singleResult();
        processEngine.getManagementService().executeJob(timer.getId());
        runDueJobs(leaver);
    }

    /** The leaver's first job: access removal begins (pending requests stopped, the cut-off, the accounts to cover). */
    private void beginAccessRemoval(ProcessInstance leaver) {
        Job begin = processEngine.getManagementService().createJobQuery().processInstanceId(leaver.getId())
                .activityId("Task_FindLinkedAccounts").singleResult();
        processEngine.getManagementService().executeJob(begin.getId());
    }

    private List<Job> jobs(ProcessInstance leaver) {
        return processEngine.getManagementService().createJobQuery().processInstanceId(leaver.getId()).executable().list();
    }

    /**
     * Runs every job that is due now, as the job executor would, until only waits remain. A failed job is not due
     * again until its retry interval has passed, so it runs once here.
     */
    private void runDueJobs(ProcessInstance leaver) {
        for (int round = 0; round < 50; round++) {
            List<Job> due = jobs(leaver);
            if (due.isEmpty()) {
                return;
            }
            due.forEach(this::executeIgnoringFailure);
        }
        throw new AssertionError("jobs keep coming; the process loops");
    }

    private void executeIgnoringFailure(Job job) {
        try {
            processEngine.getManagementService().executeJob(job.getId());
        } catch (RuntimeException e) {
            // a failed job is retried later by the job executor; the tests look at its retries and incident
        }
    }

    private Object historicValue(ProcessInstance leaver, String name) {
        // the waiver variables are local to each app's branch; only the waived one holds a value
        return processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(leaver.getId())
                .variableName(name).list().stream().map(v -> v.getValue()).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    private void asOps(Runnable work) {
        as("ops.olga", work);
    }

    private void asAppOwner(Runnable work) {
        as("owner.otto", work);
    }

    private void as(String user, Runnable work) {
        processEngine.getIdentityService().setAuthenticatedUserId(user);
        try {
            work.run();
        } finally {
            processEngine.getIdentityService().setAuthenticatedUserId("hr.anna");
        }
    }

    private static String today() {
        return LocalDate.now(COMPANY_ZONE).toString();
    }

    private static EmployeeRecord employee(EmployeeStatus status, String managerId) {
        return new EmployeeRecord(EMPLOYEE, "e1001@example.com", "Erika", "Leaver", "Engineering", "Developer",
                managerId, status, LocalDate.of(2024, 4, 1), null);
    }

    private static AccountLink link(String app, LinkState state) {
        return new AccountLink(app, EMPLOYEE, "scim-" + app, "e1001@example.com", AccountOrigin.CREATED, state, Instant.now());
    }

    private static AccountLink withState(AccountLink link, LinkState state) {
        return new AccountLink(link.target(), link.employeeId(), link.scimId(), link.userName(), link.origin(), state,
                Instant.now());
    }
}
