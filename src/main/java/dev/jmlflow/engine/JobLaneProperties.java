package dev.jmlflow.engine;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The job executor's lane for urgent jobs ({@code jmlflow.job-lanes.*}).
 *
 * @param priorityThreads   threads that run only jobs of at least {@code priorityThreshold}, so a leaver's cut-off
 *                          never waits behind joiner jobs already taken by the normal pool (default 3: one per
 *                          target of a leaver)
 * @param priorityThreshold the lowest job priority that takes the lane (default 100). {@code processes/leaver.bpmn}
 *                          gives its cut-off jobs priority 100 and what follows them 50, so only 51-100 keeps the
 *                          cut-off on the lane and the follow-ups off it; anything else fails the start
 */
@Validated
@ConfigurationProperties("jmlflow.job-lanes")
public record JobLaneProperties(@NotNull @Min(1) @Max(100) @DefaultValue("3") Integer priorityThreads,
                                @NotNull @Min(51) @Max(100) @DefaultValue("100") Long priorityThreshold) {
}
