package dev.jmlflow.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Makes throttling and quarantine job timing (see {@link RetryTiming}): the one place where Retry-After, a
 * client-side rate-limit wait and an OPEN circuit breaker become a job's next due date. Also used by the
 * process-test engine ({@code process-test-engine.cfg.xml}), which is why it has a no-argument constructor with the defaults.
 */
public class ThrottleAwareRetries extends AbstractProcessEnginePlugin {

    private final RetryTiming timing;

    public ThrottleAwareRetries() {
        this(RetryProperties.defaults());
    }

    public ThrottleAwareRetries(RetryProperties properties) {
        this(new RetryTiming(properties.throttleCeiling(), properties.backoffStart(), properties.backoffMax(),
                () -> ThreadLocalRandom.current().nextDouble()));
    }

    ThrottleAwareRetries(RetryTiming timing) {
        this.timing = timing;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setFailedJobCommandFactory((jobId, exception) -> new ThrottleAwareJobRetryCmd(jobId, exception, timing));
    }
}
