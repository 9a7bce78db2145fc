package dev.jmlflow.process;

import dev.jmlflow.access.AccessPlanner;
import dev.jmlflow.access.LiveMemberships;
import dev.jmlflow.approval.ApprovalEscalation;
import dev.jmlflow.engine.CompanyTimeZone;
import dev.jmlflow.engine.Schedule;
import dev.jmlflow.approval.ApprovalReminder;
import dev.jmlflow.approval.ApprovalTimers;
import dev.jmlflow.approval.Approvers;
import dev.jmlflow.notification.NotificationService;
import dev.jmlflow.provisioning.ProvisioningService;
import dev.jmlflow.targets.Assign;
import dev.jmlflow.targets.Dialect;
import dev.jmlflow.targets.TargetProperties;
import dev.jmlflow.targets.TargetSettings;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.mock.Mocks;

/**
 * The beans the joiner and mover models call, wired for the lightweight process-test engine: the real planner,
 * rules (the deployed DMN tables), guard and delegates, around mocked provisioning and mail services.
 */
public final class ProcessTestBeans {

    public static final ProcessSettings SETTINGS = new ProcessSettings(Duration.ofDays(2), Duration.ofDays(5),
            Duration.ofDays(1));
    /** Start and effective dates are days in UTC. */
    public static final Schedule SCHEDULE = new Schedule(new CompanyTimeZone(ZoneOffset.UTC), SETTINGS);
    /** coralogix and cortex give every joiner an account; coginiti only when a rule names it. */
    public static final TargetProperties TARGETS = new TargetProperties(Map.of(
            "coralogix", settings(Dialect.CORALOGIX, Assign.ALL),
            "cortex", settings(Dialect.CORTEX, Assign.ALL),
            "coginiti", settings(Dialect.COGINITI, Assign.BY_RULE)));

    private ProcessTestBeans() {
    }

    public static AccessPlanner planner(ProcessEngine engine) {
        return new AccessPlanner(new DmnAccessRules(engine.getDecisionService()), TARGETS);
    }

    /** Registers every shared bean; process-specific ones are registered by the test. */
    public static void register(ProcessEngine engine, ProvisioningService provisioning, NotificationService notifications) {
        AccountSteps accountSteps = new AccountSteps(provisioning);
        Mocks.register("schedule", SCHEDULE);
        Mocks.register("accessPlans", new AccessPlanVariables());
        Mocks.register("approvers", new Approvers());
        Mocks.register("approvalTimers", new ApprovalTimers(SETTINGS));
        Mocks.register("approvalReminder", new ApprovalReminder(notifications));
        Mocks.register("approvalEscalation", new ApprovalEscalation(notifications));
        Mocks.register("ensureAccount", new EnsureAccount(accountSteps));
        Mocks.register("undoAccount", new UndoAccount(accountSteps));
        Mocks.register("addMembership", new AddMembership(provisioning));
        Mocks.register("removeMembership", new RemoveMembership(provisioning));
        Mocks.register("provisioningFailures", new ProvisioningFailure());
        Mocks.register("appScope", new AppScope());
        Mocks.register("requestNotifications", new RequestNotifications(notifications));
    }

    public static LiveMemberships liveMemberships(ProvisioningService provisioning) {
        return new LiveMemberships(provisioning);
    }

    /** Group ids as jmlflow names them ("app-owners", "it-ops") need '-' in the engine's id whitelist. */
    public static final String ID_WHITELIST = "[a-zA-Z0-9.@_-]+";

    /** Demo identities: HR requester, two managers, an app owner, an ops engineer. */
    public static void createUsers(ProcessEngine engine) {
        ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .setGeneralResourceWhitelistPattern(ID_WHITELIST);
        IdentityService identity = engine.getIdentityService();
        user(identity, "hr1", "hr1@example.com", "hr");
        user(identity, "manager1", "manager1@example.com", "managers");
        user(identity, "manager2", "manager2@example.com", "managers");
        user(identity, "appowner1", "appowner1@example.com", "app-owners");
        user(identity, "ops1", "ops1@example.com", "it-ops");
    }

    /** Undoes a test's set-up: authentication, users and groups, clock, registered beans, the assertions' engine. */
    public static void reset(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        identity.clearAuthentication();
        identity.createUserQuery().list().forEach(u -> identity.deleteUser(u.getId()));
        identity.createGroupQuery().list().forEach(g -> identity.deleteGroup(g.getId()));
        ClockUtil.reset();
        Mocks.reset();
        AbstractAssertions.reset();
    }

    public static void user(IdentityService identity, String id, String email, String group) {
        User user = identity.newUser(id);
        user.setEmail(email);
        identity.saveUser(user);
        if (identity.createGroupQuery().groupId(group).count() == 0) {
            identity.saveGroup(identity.newGroup(group));
        }
        identity.createMembership(id, group);
    }

    /**
     * Runs the instance's due jobs, as the job executor would, until none is left; a failing job is left with
     * its retries decremented (and, at zero, an incident).
     */
    public static void runDueJobs(ProcessEngine engine, String processInstanceId) {
        for (int round = 0; round < 200; round++) {
            List<Job> due = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId)
                    .executable().list();
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                try {
                    engine.getManagementService().executeJob(job.getId());
                } catch (RuntimeException e) {
                    // the engine has recorded the failure on the job, as the job executor would
                }
            }
        }
        throw new IllegalStateException("jobs keep failing and being retried; did a test forget to stop a failure?");
    }

    private static TargetSettings settings(Dialect dialect, Assign assign) {
        return new TargetSettings(dialect, URI.create("https://" + dialect.name().toLowerCase() + ".example.com/scim"),
                null, "not-a-real-token", null, null, null, assign, null);
    }
}
