package dev.jmlflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The lane's settings: defaults for a leaver, and a lane without threads stops the start naming its key. */
class JobLanePropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bind.class);

    @Test
    void theLaneDefaultsToThreeThreadsForJobsOfTheLeaversPriority() {
        runner.run(context -> assertThat(context.getBean(JobLaneProperties.class))
                .isEqualTo(new JobLaneProperties(3, 100L)));
    }

    @Test
    void aLaneOfNoThreadsFailsTheStartNamingItsKey() {
        runner.withPropertyValues("jmlflow.job-lanes.priority-threads=0")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("jmlflow.job-lanes").hasMessageContaining("priorityThreads"));
    }

    @EnableConfigurationProperties(JobLaneProperties.class)
    static class Bind {
    }
}
