package dev.jmlflow.engine;

import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.JobAcquisitionContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobAcquisitionStrategy;
import org.camunda.bpm.engine.impl.jobexecutor.SequentialJobAcquisitionRunnable;

/**
 * Camunda's acquisition loop, except when the normal pool is saturated: Camunda then acquires nothing until the pool
 * takes the batches it rejected; this loop still acquires lane jobs for the lane's idle threads.
 */
class LaneAcquisition extends SequentialJobAcquisitionRunnable {

    private final JobLanes lanes;

    LaneAcquisition(JobLanes lanes) {
        super(lanes);
        this.lanes = lanes;
    }

    @Override
    protected AcquiredJobs acquireJobs(JobAcquisitionContext context, JobAcquisitionStrategy strategy,
                                       ProcessEngineImpl engine) {
        int idle = lanes.idleLaneThreads();
        if (strategy.getNumJobsToAcquire(engine.getName()) > 0 || idle == 0) {
            AcquiredJobs acquired = super.acquireJobs(context, strategy, engine);
            lanes.rememberLaneJobs(engine, acquired);
            return acquired;
        }
        AcquiredJobs acquired = engine.getProcessEngineConfiguration().getCommandExecutorTxRequired()
                .execute(lanes.acquireLaneJobs(idle));
        // reported as "nothing attempted": finding no lane job must not send the loop into its idle wait, or the
        // normal pool's rejected batches would wait seconds to be handed in again
        AcquiredJobs reported = new AcquiredJobs(0);
        acquired.getJobIdBatches().forEach(reported::addJobIdBatch);
        context.submitAcquiredJobs(engine.getName(), reported);
        lanes.rememberLaneJobs(engine, reported);
        return reported;
    }
}
