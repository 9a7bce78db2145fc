package dev.jmlflow.testpeers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.sandbox.scimserver.Profile;
import dev.jmlflow.targets.Dialect;
import org.junit.jupiter.api.Test;

/** The sandbox's vendor imitations take exactly what their dialects say the vendors take. */
class SandboxProfileTest {

    @Test
    void coralogixImitationRefusesPut() {
        assertThat(Profile.imitating(Dialect.CORALOGIX)).isEqualTo(new Profile("coralogix", false, true, false, true));
    }

    @Test
    void cortexImitationTakesPutAndPatch() {
        assertThat(Profile.imitating(Dialect.CORTEX)).isEqualTo(new Profile("cortex", true, true, false, true));
    }

    @Test
    void coginitiImitationRefusesPatch() {
        assertThat(Profile.imitating(Dialect.COGINITI)).isEqualTo(new Profile("coginiti", true, false, false, true));
    }
}
