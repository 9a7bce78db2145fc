package dev.jmlflow.engine;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.jobexecutor.ExclusiveJobAddedNotification;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobManager;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * A job's next step runs on the same thread right after it commits, instead of a trip through acquisition (wake the
 * acquisition thread, query, lock in a transaction of its own, hand to a thread). Camunda does this only between
 * exclusive jobs; jmlflow's per-app jobs are not exclusive (the apps of one request run at once), so each step of an
 * app (the account, then each group) paid that trip.
 * <p>
 * The first due job that a job creates in its own process instance, with the same exclusivity and priority as
 * itself, is locked by this node in the creating transaction and queued on the current thread once that commits,
 * the way Camunda queues an exclusive follow-up. Same priority keeps lane work on the lane and normal work on the
 * normal pool ({@link JobLanes}); only the first keeps the other jobs of the same transaction (the other apps of a
 * parallel loop) going to acquisition and so to other threads. If the node dies first, the lock expires as for any
 * job it had acquired.
 */
public class FollowUpJobs extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
        factories.add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return JobManager.class;
            }

            @Override
            public Session openSession() {
                return new FollowUpJobManager();
            }
        });
        configuration.setCustomSessionFactories(factories);
    }

    /** One per command (a session), so "the first job this transaction creates" is a field. */
    static final class FollowUpJobManager extends JobManager {

        private boolean followUpQueued;

        @Override
        protected void hintJobExecutor(JobEntity job) {
            JobExecutor jobExecutor = Context.getProcessEngineConfiguration().getJobExecutor();
            JobExecutorContext context = Context.getJobExecutorContext();
            if (followUpQueued || !jobExecutor.isActive() || context == null || !isFollowUp(job, context.getCurrentJob())) {
                super.hintJobExecutor(job);
                return;
            }
            followUpQueued = true;
            job.setLockExpirationTime(new Date(ClockUtil.getCurrentTime().getTime() + jobExecutor.getLockTimeInMillis()));
            job.setLockOwner(jobExecutor.getLockOwner());
            Context.getCommandContext().getTransactionContext()
                    .addTransactionListener(TransactionState.COMMITTED, new ExclusiveJobAddedNotification(job.getId(), context));
        }

        private boolean isFollowUp(JobEntity job, JobEntity current) {
            return current != null && !current.isExclusive() && !job.isExclusive() && !job.isSuspended() && isJobDue(job)
                    && job.getPriority() == current.getPriority() && isJobPriorityInJobExecutorPriorityRange(job.getPriority())
                    && areInSameProcessInstance(job, current);
        }
    }
}
