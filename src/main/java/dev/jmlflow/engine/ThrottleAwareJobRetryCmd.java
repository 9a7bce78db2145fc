package dev.jmlflow.engine;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's retry handling, except when {@link RetryTiming} says the failure is a wait (throttling, a
 * quarantined target, a held mass change): then the job keeps its retries, runs again at the decided time, and carries the failure's
 * message (Cockpit shows why it waits) but no incident.
 */
final class ThrottleAwareJobRetryCmd extends DefaultJobRetryCmd {

    private final RetryTiming timing;

    ThrottleAwareJobRetryCmd(String jobId, Throwable exception, RetryTiming timing) {
        super(jobId, exception);
        this.timing = timing;
    }

    @Override
    public Object execute(CommandContext commandContext) {
        JobEntity job = getJob();
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Optional<RetryTiming.Decision> decision = job == null || exception == null ? Optional.empty()
                : timing.decide(exception, job.getCreateTime() == null ? null : job.getCreateTime().toInstant(), now);
        if (decision.isEmpty()) {
            return super.execute(commandContext);
        }
        Date notBefore = Date.from(decision.get().notBefore());
        if (decision.get().incidentNow()) {
            super.execute(commandContext);
            job.setRetries(0); // creates the incident, with the failure's message, if the retries did not already
            return null;
        }
        if (decision.get().usesRetry()) {
            super.execute(commandContext);
            if (job.getRetries() > 0 && (job.getDuedate() == null || job.getDuedate().before(notBefore))) {
                job.setDuedate(notBefore);
            }
            return null;
        }
        if (isFirstJobExecution(job)) {
            // what the engine does on a first failure, so that the task's retry cycle (R10/PT5M) stays intact
            retryConfiguration(commandContext, job).ifPresent(config -> initializeRetries(job, config.getRetries()));
        }
        logException(job);
        job.setDuedate(notBefore);
        job.unlock();
        notifyAcquisition(commandContext);
        return null;
    }

    private Optional<FailedJobRetryConfiguration> retryConfiguration(CommandContext commandContext, JobEntity job) {
        try {
            ActivityImpl activity = getCurrentActivity(commandContext, job);
            return activity == null ? Optional.empty() : Optional.ofNullable(getFailedJobRetryConfiguration(job, activity));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
