package dev.jmlflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.provisioning.RetryLaterException;
import dev.jmlflow.scim.ScimException;
import org.junit.jupiter.api.Test;

class TargetCallFailedExceptionTest {

    @Test
    void aScimErrorIsNamedByItsTarget() {
        var failure = new TargetCallFailedException("cortex", new ScimException.Unavailable(503, "service unavailable", null));

        assertThat(failure.getMessage()).startsWith("target cortex: ").contains("service unavailable");
    }

    @Test
    void aMessageThatAlreadyNamesTheTargetNamesItOnce() {
        var failure = new TargetCallFailedException("cortex", new RetryLaterException("cortex", "not visible yet", null));

        assertThat(failure.getMessage()).isEqualTo("target cortex: not visible yet");
    }
}
