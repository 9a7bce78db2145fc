package dev.jmlflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The benchmark's groups: how many accounts one takes, so the test servers' cost stays that of a bounded group. */
class BenchTargetTest {

    @Test
    void accountsBeyondAGroupsLimitJoinNewGroupsThatExistOnTheServer() {
        try (BenchTarget target = BenchTarget.start("generic", Duration.ZERO, 2, 3)) {
            List<List<String>> handedOut = IntStream.range(0, 7)
                    .mapToObj(i -> names(target.groupsForNextAccount())).toList();

            assertThat(handedOut).containsExactly(
                    List.of("bench-generic-1", "bench-generic-2"), List.of("bench-generic-1", "bench-generic-2"),
                    List.of("bench-generic-1", "bench-generic-2"), List.of("bench-generic-3", "bench-generic-4"),
                    List.of("bench-generic-3", "bench-generic-4"), List.of("bench-generic-3", "bench-generic-4"),
                    List.of("bench-generic-5", "bench-generic-6"));
            assertThat(target.groupIds()).hasSize(6)
                    .allSatisfy(id -> assertThat(target.direct().get("/Groups/" + id).status()).isEqualTo(200));
        }
    }

    @Test
    void withoutALimitEveryAccountJoinsTheSameGroups() {
        try (BenchTarget target = BenchTarget.start("generic", Duration.ZERO, 2, 0)) {
            IntStream.range(0, 5).forEach(i -> target.groupsForNextAccount());

            assertThat(names(target.groupsForNextAccount())).containsExactly("bench-generic-1", "bench-generic-2");
            assertThat(target.groupIds()).hasSize(2);
        }
    }

    private static List<String> names(List<BenchTarget.Group> groups) {
        return groups.stream().map(BenchTarget.Group::name).toList();
    }
}
