package dev.jmlflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The lane's settings: defaults for a leaver; a lane without threads, or a threshold that would take the leaver's
 * cut-off off the lane or put its follow-ups on it, stops the start naming its key.
 */
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

    @Test
    void aThresholdAboveTheLeaversCutOffPriorityFailsTheStartNamingItsKey() {
        runner.withPropertyValues("jmlflow.job-lanes.priority-threshold=101")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("jmlflow.job-lanes").hasMessageContaining("priorityThreshold"));
    }

    @Test
    void aThresholdThatLetsTheLeaversFollowUpsOntoTheLaneFailsTheStartNamingItsKey() {
        runner.withPropertyValues("jmlflow.job-lanes.priority-threshold=50")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("jmlflow.job-lanes").hasMessageContaining("priorityThreshold"));
    }

    @EnableConfigurationProperties(JobLaneProperties.class)
    static class Bind {
    }
}
