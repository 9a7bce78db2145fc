package dev.jmlflow.targets;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param nodes how many app nodes share the database; each paces its calls to {@code requests-per-second / nodes}
 *              of every target, so the configured rate holds for the whole cluster (default 1)
 */
@Validated
@ConfigurationProperties("jmlflow.cluster")
public record ClusterProperties(@NotNull @Min(1) @DefaultValue("1") Integer nodes) {
}
