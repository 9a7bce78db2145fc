package dev.jmlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jmlflow.engine.CompanyTimeZone;
import dev.jmlflow.targets.ClusterProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The jmlflow.* keys are described for IDEs, and a bad value stops the start naming its key. */
class ConfigurationMetadataTest {

    @Test
    void theConfigurationProcessorDescribesTheJmlflowKeys() throws IOException {
        JsonNode metadata = new ObjectMapper().readTree(Path.of("target/classes/META-INF/spring-configuration-metadata.json").toFile());
        List<String> names = new ArrayList<>();
        metadata.path("properties").forEach(property -> names.add(property.path("name").asText()));

        assertThat(names).contains("jmlflow.time-zone", "jmlflow.process.approval-reminder",
                "jmlflow.retries.profiles", "jmlflow.breaker.failure-threshold", "jmlflow.public-url");
    }

    @Test
    void anUnknownTimeZoneFailsTheStartNamingItsKey() {
        new ApplicationContextRunner().withUserConfiguration(BindTimeZone.class)
                .withPropertyValues("jmlflow.time-zone=Mars/Olympus")
                .run(context -> assertThat(context.getStartupFailure()).cause().hasMessageContaining("jmlflow.time-zone"));
    }

    @Test
    void aClusterOfNoNodesFailsTheStartNamingItsKey() {
        new ApplicationContextRunner().withUserConfiguration(BindCluster.class)
                .withPropertyValues("jmlflow.cluster.nodes=0")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("jmlflow.cluster").hasMessageContaining("'nodes'"));
    }

    @EnableConfigurationProperties(CompanyTimeZone.class)
    static class BindTimeZone {
    }

    @EnableConfigurationProperties(ClusterProperties.class)
    static class BindCluster {
    }
}
