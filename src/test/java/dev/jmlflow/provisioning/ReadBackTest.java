package dev.jmlflow.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadBackTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final ReadBack readBack = new ReadBack(new ProvisioningProperties(Duration.ofSeconds(30), 4,
            Duration.ofMillis(100), Duration.ofMinutes(5)), pauses::add);
    private int reads;

    @Test
    void theFirstAnswerEndsTheReadsWithoutAPauseAfterIt() {
        Optional<String> answer = readBack.poll(() -> ++reads == 2 ? Optional.of("shown") : Optional.empty());

        assertThat(answer).contains("shown");
        assertThat(reads).isEqualTo(2);
        assertThat(pauses).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void noAnswerAfterTheConfiguredReadsIsEmptyWithDoublingPauses() {
        Optional<String> answer = readBack.poll(() -> {
            reads++;
            return Optional.empty();
        });

        assertThat(answer).isEmpty();
        assertThat(reads).isEqualTo(4);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void oneReadNeverPauses() {
        assertThat(readBack.poll(1, Optional::empty)).isEmpty();
        assertThat(pauses).isEmpty();
    }

    @Test
    void aFailingReadEndsTheReadsAtOnce() {
        assertThatIllegalStateException().isThrownBy(() -> readBack.poll(() -> {
            reads++;
            throw new IllegalStateException("not a member list");
        }));
        assertThat(reads).isEqualTo(1);
    }
}
