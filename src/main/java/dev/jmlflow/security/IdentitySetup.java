package dev.jmlflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

import dev.jmlflow.policy.ApprovalPolicy;
import dev.jmlflow.policy.JmlflowGroups;
import dev.jmlflow.security.AuthorizationModel.Grant;

/**
 * Brings groups, authorizations, Tasklist filters and users to the wanted state on every start. Idempotent: it
 * updates what exists and creates what is missing, so a restart on the same database converges. Runs after all
 * beans exist (the engine has deployed) and before the web server takes requests.
 */
class IdentitySetup implements SmartInitializingSingleton {

    static final String MY_TASKS_FILTER = "My tasks";
    static final String MY_APPROVALS_FILTER = "My approvals";

    private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final FilterService filterService;
    private final TaskService taskService;
    private final SeededUsers seededUsers;
    private final AdminProperties admin;

    IdentitySetup(ProcessEngine engine, SeededUsers seededUsers, AdminProperties admin) {
        this.identityService = engine.getIdentityService();
        this.authorizationService = engine.getAuthorizationService();
        this.filterService = engine.getFilterService();
        this.taskService = engine.getTaskService();
        this.seededUsers = seededUsers;
        this.admin = admin;
    }

    @Override
    public void afterSingletonsInstantiated() {
        JmlflowGroups.ALL.forEach(this::ensureGroup);
        AuthorizationModel.grants().forEach(this::ensureGrant);
        ensureFilters();
        List<SeededUsers.SeededUser> seeded = seededUsers.users();
        if (seeded.isEmpty()) {
            removeSeededUsers();
        }
        seeded.forEach(user -> ensureUser(user.id(), user.firstName(), user.lastName(), user.email(),
                user.password(), user.group()));
        if (seeded.stream().noneMatch(user -> JmlflowGroups.CAMUNDA_ADMIN.equals(user.group()))) {
            ensureConfiguredAdmin();
        }
    }

    private void ensureGroup(String id) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(id);
            group.setType(JmlflowGroups.CAMUNDA_ADMIN.equals(id) ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW);
            identityService.saveGroup(group);
        }
    }

    /** Sets the group's grant on the resource to exactly the model's permissions. */
    private void ensureGrant(Grant grant) {
        List<Authorization> existing = authorizationService.createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(grant.groupId())
                .resourceType(grant.resource())
                .resourceId(grant.resourceId())
                .list();
        Authorization authorization = existing.isEmpty()
                ? authorizationService.createNewAuthorization(AUTH_TYPE_GRANT)
                : existing.get(0);
        authorization.setGroupId(grant.groupId());
        authorization.setResource(grant.resource());
        authorization.setResourceId(grant.resourceId());
        authorization.setPermissions(grant.permissions().toArray(Permission[]::new));
        authorizationService.saveAuthorization(authorization);
    }

    private void ensureFilters() {
        // assigned to me, or offered to me or one of my groups; expressions are evaluated per user
        TaskQuery mine = taskService.createTaskQuery()
                .or()
                .taskAssigneeExpression("${currentUser()}")
                .taskCandidateUserExpression("${currentUser()}")
                .taskCandidateGroupInExpression("${currentUserGroups()}")
                .endOr();
        String myTasks = ensureFilter(MY_TASKS_FILTER, mine, -10,
                "Tasks assigned to you or offered to one of your groups");
        TaskQuery approvals = taskService.createTaskQuery()
                .taskDefinitionKey("approveAccess")
                .or()
                .taskAssigneeExpression("${currentUser()}")
                .taskCandidateUserExpression("${currentUser()}")
                .taskCandidateGroupInExpression("${currentUserGroups()}")
                .endOr();
        String myApprovals = ensureFilter(MY_APPROVALS_FILTER, approvals, -20,
                "Access plans waiting for your approval");
        for (String group : ApprovalPolicy.TASK_WORKERS) {
            ensureGrant(new Grant(group, Resources.FILTER, myTasks, Permissions.READ));
        }
        for (String group : ApprovalPolicy.APPROVER_GROUPS) {
            ensureGrant(new Grant(group, Resources.FILTER, myApprovals, Permissions.READ));
        }
    }

    private String ensureFilter(String name, TaskQuery query, int priority, String description) {
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filterService.newTaskFilter(name);
        }
        filter.setQuery(query);
        filter.setProperties(Map.of("priority", priority, "description", description, "refresh", true));
        return filterService.saveFilter(filter).getId();
    }

    private void ensureConfiguredAdmin() {
        String id = admin.user().trim();
        PasswordPolicyResult policy = identityService.checkPasswordAgainstPolicy(admin.password(),
                identityService.newUser(id));
        if (!policy.isValid()) {
            throw new AdminCredentialsPolicy.InsecureAdminException("an administrator is required",
                    List.of("JMLFLOW_ADMIN_PASSWORD fails Camunda's password policy ("
                            + String.join(", ", policy.getViolatedRules().stream()
                                    .map(rule -> rule.getPlaceholder() + rule.getParameters())
                                    .toList())
                            + ")"));
        }
        ensureUser(id, "jmlflow", "Administrator", null, admin.password(), JmlflowGroups.CAMUNDA_ADMIN);
    }

    /** Creates the user or resets its password, and makes it a member of the group. */
    private void ensureUser(String id, String firstName, String lastName, String email, String password,
            String groupId) {
        User user = identityService.createUserQuery().userId(id).singleResult();
        if (user == null) {
            user = identityService.newUser(id);
        }
        user.setFirstName(firstName);
        user.setLastName(lastName);
        if (email != null) {
            user.setEmail(email);
        }
        user.setPassword(password);
        identityService.saveUser(user);
        if (identityService.createUserQuery().userId(id).memberOfGroup(groupId).count() == 0) {
            identityService.createMembership(id, groupId);
        }
    }

    /** Seeded users (the sandbox's) must not survive into a run that seeds none, one with real targets. */
    private void removeSeededUsers() {
        identityService.createUserQuery().list().stream()
                .filter(user -> seededUsers.isSeeded(user.getEmail()))
                .forEach(user -> {
                    log.warn("Removing sandbox user '{}': real targets are configured", user.getId());
                    identityService.deleteUser(user.getId());
                });
    }
}
