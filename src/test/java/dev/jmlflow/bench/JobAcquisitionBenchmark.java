package dev.jmlflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.engine.JobAcquisitionOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

/**
 * What one job acquisition costs against the length of the queue, with Camunda's schema alone (the baseline) and
 * with {@link JobAcquisitionOrder}, measured in the same run on the shipped database (an H2 file). Each engine gets
 * the same queue of due jobs (one async step per instance, the job executor not running); at each length it runs
 * Camunda's own acquisition command, by priority, as many times as the sample says, and prints the mean.
 * Sizes: {@code -Dbench.acquisition.queues=1000,5000,20000}, {@code -Dbench.acquisition.samples=30}.
 */
class JobAcquisitionBenchmark {

    private static final int JOBS_PER_ACQUISITION = 3;

    @Test
    void acquisitionCostsLittleWhateverTheQueueWithTheIndex() throws Exception {
        boolean smoke = Boolean.getBoolean("bench.smoke");
        List<Integer> queues = sizes(System.getProperty("bench.acquisition.queues", smoke ? "200,1000" : "1000,5000,20000"));
        int samples = Integer.getInteger("bench.acquisition.samples", smoke ? 10 : 30);
        Path dir = Files.createDirectories(Path.of(System.getProperty("bench.outputDir", "target/bench"), "acquisition"));

        List<Double> baseline = measure(dir.resolve("baseline-" + System.nanoTime()), false, queues, samples);
        List<Double> indexed = measure(dir.resolve("indexed-" + System.nanoTime()), true, queues, samples);

        StringBuilder table = new StringBuilder("\n| queued jobs | acquisition, Camunda's schema (baseline) | with "
                + JobAcquisitionOrder.class.getSimpleName() + " |\n|---|---|---|\n");
        for (int i = 0; i < queues.size(); i++) {
            table.append(String.format(Locale.ROOT, "| %,d | %.2f ms | %.2f ms |%n", queues.get(i), baseline.get(i), indexed.get(i)));
        }
        System.out.println(table);
        Files.writeString(dir.resolve("results.md"), table);
        assertThat(indexed).allMatch(ms -> ms > 0);
    }

    private static List<Double> measure(Path database, boolean withIndex, List<Integer> queues, int samples) {
        DefaultJobExecutor jobExecutor = new DefaultJobExecutor();
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) new StandaloneProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:file:" + database.toAbsolutePath() + "/jmlflow")
                .setJdbcDriver("org.h2.Driver").setJdbcUsername("sa").setJdbcPassword("")
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setHistory(ProcessEngineConfiguration.HISTORY_NONE)
                .setProcessEngineName("acquisition-" + withIndex);
        configuration.setJobExecutor(jobExecutor);
        configuration.setJobExecutorAcquireByPriority(true);
        if (withIndex) {
            configuration.getProcessEnginePlugins().add(new JobAcquisitionOrder());
        }
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            engine.getRepositoryService().createDeployment().addModelInstance("queued.bpmn", Bpmn.createExecutableProcess("queued")
                    .startEvent().serviceTask("Task_Queued").camundaAsyncBefore().camundaExpression("${true}").endEvent().done()).deploy();
            List<Double> means = new ArrayList<>();
            int started = 0;
            for (int queue : queues) {
                for (; started < queue; started++) {
                    engine.getRuntimeService().startProcessInstanceByKey("queued");
                }
                acquire(configuration, jobExecutor); // warm the statement once at this length
                long start = System.nanoTime();
                for (int i = 0; i < samples; i++) {
                    acquire(configuration, jobExecutor);
                }
                means.add((System.nanoTime() - start) / 1e6 / samples);
            }
            return means;
        } finally {
            engine.close();
        }
    }

    private static void acquire(ProcessEngineConfigurationImpl configuration, DefaultJobExecutor jobExecutor) {
        AcquiredJobs acquired = configuration.getCommandExecutorTxRequired().execute(new AcquireJobsCmd(jobExecutor, JOBS_PER_ACQUISITION));
        if (acquired.size() != JOBS_PER_ACQUISITION) {
            throw new IllegalStateException("an acquisition took " + acquired.size() + " jobs, not " + JOBS_PER_ACQUISITION);
        }
    }

    private static List<Integer> sizes(String list) {
        return List.of(list.split(",")).stream().map(String::trim).map(Integer::parseInt).toList();
    }
}
