package dev.jmlflow.security;

import static dev.jmlflow.policy.ApprovalPolicy.APPROVER_GROUPS;
import static dev.jmlflow.policy.ApprovalPolicy.OPERATORS;
import static dev.jmlflow.policy.ApprovalPolicy.REQUESTERS;
import static dev.jmlflow.policy.ApprovalPolicy.TASK_WORKERS;
import static dev.jmlflow.policy.JmlflowGroups.APP_OWNERS;
import static dev.jmlflow.policy.JmlflowGroups.CAMUNDA_ADMIN;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;

/**
 * What each group may do in Camunda, derived from {@link dev.jmlflow.policy.ApprovalPolicy} (who requests, who
 * approves, who operates). Each group gets exactly what its work needs; everything else is denied because
 * Camunda denies what is not granted.
 *
 * <ul>
 *   <li>HR start joiner, mover and leaver. They read only the requests they started (granted per instance by
 *       {@link RequesterAuthorizationProvider}), never the whole process definition.</li>
 *   <li>Managers and app owners work the tasks assigned to them or their group: the engine grants TASK_WORK per
 *       task to its assignee and candidate groups; they need READ on the definitions to see forms and diagrams.</li>
 *   <li>IT ops read everything in Cockpit and retry jobs (which resolves failed-job incidents). They get no UPDATE
 *       on instances or definitions, because UPDATE includes changing variables, and no deployment rights, because
 *       a deployment can carry scripts.</li>
 *   <li>camunda-admin has every permission (break-glass).</li>
 * </ul>
 * Task filters are granted separately by {@link IdentitySetup}, because their ids are only known once created.
 */
final class AuthorizationModel {

    /** Process definition keys HR may start; the contract's request processes. */
    static final List<String> REQUEST_PROCESSES = List.of("joiner", "mover", "leaver");
    /** Started by jmlflow only, never by a person: no one gets CREATE_INSTANCE. */
    static final String MASS_CHANGE_HOLD = "mass-change-hold";

    record Grant(String groupId, Resource resource, String resourceId, List<Permission> permissions) {
        Grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
            this(groupId, resource, resourceId, List.of(permissions));
        }
    }

    private AuthorizationModel() {
    }

    static List<Grant> grants() {
        List<Grant> grants = new ArrayList<>();

        Arrays.stream(Resources.values())
                .forEach(resource -> grants.add(new Grant(CAMUNDA_ADMIN, resource, ANY, Permissions.ALL)));

        for (String group : TASK_WORKERS) {
            grants.add(new Grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS));
        }

        grants.add(new Grant(REQUESTERS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE));
        for (String key : REQUEST_PROCESSES) {
            grants.add(new Grant(REQUESTERS, Resources.PROCESS_DEFINITION, key,
                    ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE));
            // to render task forms and diagrams of tasks they may work on
            APPROVER_GROUPS.forEach(group -> grants.add(
                    new Grant(group, Resources.PROCESS_DEFINITION, key, ProcessDefinitionPermissions.READ)));
        }

        // to render the form of the mass-change guard's hold task, which the default owner group decides
        grants.add(new Grant(APP_OWNERS, Resources.PROCESS_DEFINITION, MASS_CHANGE_HOLD, ProcessDefinitionPermissions.READ));

        grants.add(new Grant(OPERATORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS));
        grants.add(new Grant(OPERATORS, Resources.PROCESS_DEFINITION, ANY,
                ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.RETRY_JOB));
        grants.add(new Grant(OPERATORS, Resources.PROCESS_INSTANCE, ANY,
                ProcessInstancePermissions.READ, ProcessInstancePermissions.RETRY_JOB));
        grants.add(new Grant(OPERATORS, Resources.TASK, ANY, TaskPermissions.READ, TaskPermissions.READ_HISTORY));
        grants.add(new Grant(OPERATORS, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ));
        grants.add(new Grant(OPERATORS, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ));
        grants.add(new Grant(OPERATORS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY));
        grants.add(new Grant(OPERATORS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ));
        grants.add(new Grant(OPERATORS, Resources.DEPLOYMENT, ANY, Permissions.READ));
        grants.add(new Grant(OPERATORS, Resources.BATCH, ANY,
                BatchPermissions.READ, BatchPermissions.READ_HISTORY, BatchPermissions.CREATE_BATCH_SET_JOB_RETRIES));
        // the audit trail, and annotating their own repair actions in it
        grants.add(new Grant(OPERATORS, Resources.OPERATION_LOG_CATEGORY, ANY,
                UserOperationLogCategoryPermissions.READ, UserOperationLogCategoryPermissions.UPDATE));
        return List.copyOf(grants);
    }
}
