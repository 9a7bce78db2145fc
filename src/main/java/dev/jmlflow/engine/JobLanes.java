package dev.jmlflow.engine;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The job executor with a lane: a batch that holds a job of at least the lane's priority runs on the lane's own
 * threads, every other batch on the normal pool. Joiner jobs that the normal pool already holds (running and
 * queued) therefore never delay a leaver's job; it waits at most for an idle lane thread and one acquisition.
 *
 * <p>Camunda's own priority range ({@code jobExecutorPriorityRangeMin/Max}) splits jobs between executors of
 * different engines or nodes; one engine has one executor, so the split is done here, inside it.
 */
public class JobLanes extends SpringJobExecutor {

    private final ThreadPoolTaskExecutor lane;
    private final long threshold;
    /** Ids of acquired lane jobs until their batch is handed to a pool (a rejected batch is handed again). */
    private final Set<String> laneJobs = ConcurrentHashMap.newKeySet();

    public JobLanes(int laneThreads, long threshold) {
        lane = new ThreadPoolTaskExecutor();
        lane.setThreadNamePrefix("jmlflow-lane-");
        lane.setCorePoolSize(laneThreads);
        lane.setMaxPoolSize(laneThreads);
        // no queue: a lane batch either starts now or is rejected and handed in again by the next acquisition
        lane.setQueueCapacity(0);
        this.threshold = threshold;
    }

    @Override
    protected void startExecutingJobs() {
        lane.initialize();
        super.startExecutingJobs();
    }

    @Override
    protected void stopExecutingJobs() {
        super.stopExecutingJobs();
        lane.shutdown();
    }

    @Override
    protected void ensureInitialization() {
        super.ensureInitialization();
        acquireJobsRunnable = new LaneAcquisition(this);
    }

    @Override
    public void executeJobs(List<String> jobIds, ProcessEngineImpl processEngine) {
        if (jobIds.stream().noneMatch(laneJobs::contains)) {
            super.executeJobs(jobIds, processEngine);
            return;
        }
        try {
            lane.execute(getExecuteJobsRunnable(jobIds, processEngine));
            jobIds.forEach(laneJobs::remove);
        } catch (RejectedExecutionException e) {
            logRejectedExecution(processEngine, jobIds.size());
            rejectedJobsHandler.jobsRejected(jobIds, processEngine, this);
        }
    }

    /** Lane threads not running a job now. */
    int idleLaneThreads() {
        return Math.max(0, lane.getMaxPoolSize() - lane.getActiveCount());
    }

    /**
     * Camunda's acquisition of lane jobs only (nothing below the threshold), for when the normal pool is saturated
     * and must not be given more jobs.
     */
    Command<AcquiredJobs> acquireLaneJobs(int numJobs) {
        return commandContext -> acquireAtLeastThreshold(commandContext, numJobs);
    }

    private AcquiredJobs acquireAtLeastThreshold(CommandContext commandContext, int numJobs) {
        // the acquisition query reads the engine's priority range; only this (single) acquisition thread narrows it,
        // and a job created meanwhile below the range merely misses its hint while the normal pool is full anyway
        ProcessEngineConfigurationImpl configuration = commandContext.getProcessEngineConfiguration();
        long min = configuration.getJobExecutorPriorityRangeMin();
        configuration.setJobExecutorPriorityRangeMin(Math.max(min, threshold));
        try {
            return new AcquireJobsCmd(this, numJobs).execute(commandContext);
        } finally {
            configuration.setJobExecutorPriorityRangeMin(min);
        }
    }

    /**
     * Remembers which acquired jobs belong to the lane. The acquisition query does not read priorities, and the
     * acquiring command's cache holds the jobs in a form without them, so this is one look-up by id after it.
     */
    void rememberLaneJobs(ProcessEngineImpl engine, AcquiredJobs acquired) {
        Set<String> ids = acquired.getJobIdBatches().stream().flatMap(List::stream).collect(Collectors.toSet());
        if (!ids.isEmpty()) {
            engine.getManagementService().createJobQuery().jobIds(ids).priorityHigherThanOrEquals(threshold).list()
                    .forEach(job -> laneJobs.add(job.getId()));
        }
    }
}
