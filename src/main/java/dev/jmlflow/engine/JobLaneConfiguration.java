package dev.jmlflow.engine;

import java.util.Optional;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;

/**
 * Replaces the starter's job executor (its bean backs off when one exists) by {@link JobLanes}, set up from
 * {@code camunda.bpm.job-execution.*} as the starter sets up its own; the normal pool stays the starter's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "camunda.bpm.job-execution", name = "enabled", havingValue = "true", matchIfMissing = true)
class JobLaneConfiguration {

    @Bean
    JobExecutor jobExecutor(@Qualifier("camundaTaskExecutor") TaskExecutor normalPool, CamundaBpmProperties camunda,
                            JobLaneProperties lanes) {
        JobLanes executor = new JobLanes(lanes.priorityThreads(), lanes.priorityThreshold());
        executor.setTaskExecutor(normalPool);
        executor.setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
        JobExecutionProperty settings = camunda.getJobExecution();
        Optional.ofNullable(settings.getLockTimeInMillis()).ifPresent(executor::setLockTimeInMillis);
        Optional.ofNullable(settings.getMaxJobsPerAcquisition()).ifPresent(executor::setMaxJobsPerAcquisition);
        Optional.ofNullable(settings.getWaitTimeInMillis()).ifPresent(executor::setWaitTimeInMillis);
        Optional.ofNullable(settings.getMaxWait()).ifPresent(executor::setMaxWait);
        Optional.ofNullable(settings.getBackoffTimeInMillis()).ifPresent(executor::setBackoffTimeInMillis);
        Optional.ofNullable(settings.getMaxBackoff()).ifPresent(executor::setMaxBackoff);
        Optional.ofNullable(settings.getBackoffDecreaseThreshold()).ifPresent(executor::setBackoffDecreaseThreshold);
        Optional.ofNullable(settings.getWaitIncreaseFactor()).ifPresent(executor::setWaitIncreaseFactor);
        return executor;
    }
}
