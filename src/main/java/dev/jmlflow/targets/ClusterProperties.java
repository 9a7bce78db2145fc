package dev.jmlflow.targets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param nodes how many app nodes share the database; each paces its calls to {@code requests-per-second / nodes}
 *              of every target, so the configured rate holds for the whole cluster (default 1)
 */
@ConfigurationProperties("jmlflow.cluster")
public record ClusterProperties(Integer nodes) {

    public ClusterProperties {
        nodes = nodes == null ? 1 : nodes;
        if (nodes < 1) {
            throw new IllegalArgumentException("jmlflow.cluster.nodes must be at least 1");
        }
    }
}
