package dev.jmlflow.engine;

import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * The variables of one process instance that the running engine command has created, changed or removed so far.
 * A task listener cannot see which variables a completion carries; the engine's unit of work can: every variable
 * the command touched is new, deleted or dirty in its entity cache (an update always bumps the variable's sequence
 * counter, so even setting the same value again counts). Transient variables never reach that cache, so those
 * visible from {@code scope} count as written too.
 */
public final class CommandWrites {

    private CommandWrites() {
    }

    public static Set<String> variables(String processInstanceId, VariableScope scope) {
        Set<String> written = new TreeSet<>();
        for (CachedDbEntity cached : Context.getCommandContext().getDbEntityManager().getDbEntityCache().getCachedEntities()) {
            if (cached.getEntity() instanceof VariableInstanceEntity variable
                    && processInstanceId.equals(variable.getProcessInstanceId())
                    && (cached.getEntityState() != DbEntityState.PERSISTENT || cached.isDirty())) {
                written.add(variable.getName());
            }
        }
        VariableMap visible = scope.getVariablesTyped(false);
        for (String name : visible.keySet()) {
            if (visible.getValueTyped(name).isTransient()) {
                written.add(name);
            }
        }
        return written;
    }
}
