package dev.jmlflow.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jmlflow.scim.ListResponse;
import dev.jmlflow.scim.ScimException;
import dev.jmlflow.scim.ScimSchemas;
import dev.jmlflow.targets.Dialect;
import dev.jmlflow.targets.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PagerTest {

    private final List<Integer> asked = new ArrayList<>();

    @Test
    void readsEveryPageUntilTotalResults() {
        List<String> all = Pager.collect(target(Dialect.GENERIC), "list", pages(5, 2), Function.identity());

        assertThat(all).containsExactly("r1", "r2", "r3", "r4", "r5");
        assertThat(asked).containsExactly(1, 3, 5);
    }

    @Test
    void aRepeatedResourceFailsTheListInsteadOfLooping() {
        Function<Integer, ListResponse<String>> ignoresPaging = start -> page(4, List.of("r1", "r2"));

        assertThatThrownBy(() -> Pager.collect(target(Dialect.GENERIC), "list", ignoresPaging, Function.identity()))
                .isInstanceOf(IdentityMismatchException.class).hasMessageContaining("the same resource twice");
    }

    @Test
    void aPartialListOnATargetWithUnreliablePagingFails() {
        assertThatThrownBy(() -> Pager.collect(target(Dialect.CORALOGIX), "list", pages(5, 2), Function.identity()))
                .isInstanceOf(IdentityMismatchException.class).hasMessageContaining("paging is not reliable");
        assertThat(asked).containsExactly(1);
    }

    @Test
    void fewerResourcesThanTotalResultsFail() {
        Function<Integer, ListResponse<String>> shortList = start -> page(3, start == 1 ? List.of("r1") : List.of());

        assertThatThrownBy(() -> Pager.collect(target(Dialect.GENERIC), "list", shortList, Function.identity()))
                .isInstanceOf(IdentityMismatchException.class).hasMessageContaining("totalResults 3");
    }

    @Test
    void anAnswerThatIsNotAListResponseIsAProtocolViolation() {
        Function<Integer, ListResponse<String>> html = start -> new ListResponse<>(null, null, null, null, null);

        assertThatThrownBy(() -> Pager.collect(target(Dialect.GENERIC), "list", html, Function.identity()))
                .isInstanceOf(ScimException.ProtocolViolation.class);
    }

    /** {@code total} resources r1..rN served {@code size} at a time. */
    private Function<Integer, ListResponse<String>> pages(int total, int size) {
        return start -> {
            asked.add(start);
            return page(total, IntStream.rangeClosed(start, Math.min(total, start + size - 1)).mapToObj(i -> "r" + i).toList());
        };
    }

    private static ListResponse<String> page(int total, List<String> resources) {
        return new ListResponse<>(List.of(ScimSchemas.LIST_RESPONSE), total, resources.size(), null, resources);
    }

    private static Target target(Dialect dialect) {
        return Fixtures.target("app", dialect, null);
    }
}
