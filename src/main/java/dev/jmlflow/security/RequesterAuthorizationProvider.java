package dev.jmlflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Lets the person who starts a request read it, and only that request: when an authenticated user starts a
 * process instance, they get READ on the running instance and on its history. HR therefore needs no READ on the
 * whole process definition, which would show them every other person's requests.
 *
 * <p>Applies to every process without any BPMN change; the engine calls it while it inserts the instance.
 */
class RequesterAuthorizationProvider extends DefaultAuthorizationProvider {

    @Override
    public AuthorizationEntity[] newProcessInstance(ProcessInstance processInstance) {
        CommandContext commandContext = Context.getCommandContext();
        String userId = commandContext == null ? null : commandContext.getAuthenticatedUserId();
        if (userId == null) {
            return null; // started by the engine itself (timer, message from a job) or by trusted code
        }
        String id = processInstance.getId();
        return new AuthorizationEntity[] {
            readGrant(userId, Resources.PROCESS_INSTANCE, id),
            readGrant(userId, Resources.HISTORIC_PROCESS_INSTANCE, id)
        };
    }

    private static AuthorizationEntity readGrant(String userId, Resource resource, String resourceId) {
        AuthorizationEntity grant = new AuthorizationEntity(AUTH_TYPE_GRANT);
        grant.setUserId(userId);
        grant.setResource(resource);
        grant.setResourceId(resourceId);
        grant.addPermission(Permissions.READ);
        return grant;
    }
}
