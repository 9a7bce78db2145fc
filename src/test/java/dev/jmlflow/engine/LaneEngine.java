package dev.jmlflow.engine;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * For the job executor's tests: an in-memory engine (no history) whose job executor is the given {@link JobLanes}
 * over a normal pool of {@code poolThreads} threads ("normal-N") and a queue of {@code queueCapacity}, acquiring by
 * priority and polling every 50-200 ms.
 */
final class LaneEngine {

    private LaneEngine() {
    }

    static ThreadPoolTaskExecutor normalPool(int poolThreads, int queueCapacity) {
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(poolThreads);
        pool.setMaxPoolSize(poolThreads);
        pool.setQueueCapacity(queueCapacity);
        pool.setThreadNamePrefix("normal-");
        pool.initialize();
        return pool;
    }

    static ProcessEngine build(String name, JobLanes lanes, ThreadPoolTaskExecutor normalPool, Map<Object, Object> beans,
                               List<ProcessEnginePlugin> plugins) {
        lanes.setTaskExecutor(normalPool);
        lanes.setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
        lanes.setWaitTimeInMillis(50);
        lanes.setMaxWait(200);
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) new StandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP)
                .setHistory(ProcessEngineConfiguration.HISTORY_NONE)
                .setProcessEngineName(name);
        configuration.setJobExecutor(lanes);
        configuration.setJobExecutorAcquireByPriority(true);
        configuration.setBeans(beans);
        configuration.getProcessEnginePlugins().addAll(plugins);
        return configuration.buildProcessEngine();
    }
}
