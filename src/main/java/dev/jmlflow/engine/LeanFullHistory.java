package dev.jmlflow.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;

/**
 * History level {@value #NAME}: Camunda's {@code full}, minus three kinds of rows nobody reads and every job writes.
 * The job log of a job that did not fail (its creation, success and deletion: two or three rows per job; failures
 * stay, with their messages); the engine's own multi-instance counters ({@code loopCounter},
 * {@code nrOfInstances} and the like: a row and an update per app and group); and the change-by-change record
 * ({@code ACT_HI_DETAIL}) of variables written by a process instance's own steps on the job executor (each app's
 * target, group and outcome: most of a joiner's detail rows), whose last value stays in the historic variable and
 * whose steps stay in the activity history. A change a person makes keeps its detail row: through the engine's API,
 * whoever calls it (HR's start, an approval, HR re-dating a leaver through jmlflow's own endpoint, which calls the
 * engine without an engine user, ops in Cockpit), or as a batch ops started (Cockpit's "set variables" on many
 * instances, run by the job executor as jobs of the batch's type). So what people changed, and when, is still on
 * record; the test is the job being run, not the authentication, because jmlflow's endpoints act for a person
 * without one.
 * On H2 the engine's flush and commit cost grows with rows, not statements. Approvals, form variables, activities,
 * decisions, incidents and the user operation log are kept as {@code full} keeps them.
 * <p>
 * Its id is full's, so a database created at {@code full} accepts it and {@code history-level: full} still works.
 */
public class LeanFullHistory extends AbstractProcessEnginePlugin {

    public static final String NAME = "full-lean";

    private static final Set<HistoryEventType> SUCCESSFUL_JOB_LOG = Set.of(
            HistoryEventTypes.JOB_CREATE, HistoryEventTypes.JOB_SUCCESS, HistoryEventTypes.JOB_DELETE);

    private static final Set<String> LOOP_COUNTERS = Set.of(
            "loopCounter", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances");

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(new Level());
        configuration.setCustomHistoryLevels(levels);
    }

    static final class Level implements HistoryLevel {

        @Override
        public int getId() {
            return HISTORY_LEVEL_FULL.getId();
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            if (SUCCESSFUL_JOB_LOG.contains(eventType)) {
                return false;
            }
            if (entity instanceof VariableInstanceEntity variable && LOOP_COUNTERS.contains(variable.getName())) {
                return false;
            }
            if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL && runningAProcessStep()) {
                return false;
            }
            return HISTORY_LEVEL_FULL.isHistoryEventProduced(eventType, entity);
        }

        /**
         * The job executor is running a process's own step. A batch's job (Cockpit's "set variables" or a modification
         * on many instances) runs there too, but it carries ops' change, so it does not count.
         */
        private static boolean runningAProcessStep() {
            JobExecutorContext jobExecutor = Context.getJobExecutorContext();
            JobEntity job = jobExecutor == null ? null : jobExecutor.getCurrentJob();
            return job != null && !Context.getProcessEngineConfiguration().getBatchHandlers().containsKey(job.getJobHandlerType());
        }
    }
}
