package dev.jmlflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PasswordGeneratorTest {

    private final PasswordGenerator generator = new PasswordGenerator();

    @Test
    void aPasswordNeverContainsTheUsersOwnDataInAnyCase() {
        // single letters make a collision near certain, so a generator that did not avoid them would fail at once
        List<String> userData = List.of("e", "K", "7");

        IntStream.range(0, 500).mapToObj(i -> generator.nextAvoiding(userData)).forEach(password ->
                assertThat(password).doesNotContainIgnoringCase("e").doesNotContainIgnoringCase("k").doesNotContain("7"));
    }

    @Test
    void aPasswordHasTwentyCharactersWithEveryClassThePolicyAsksFor() {
        IntStream.range(0, 200).mapToObj(i -> generator.next()).forEach(password -> assertThat(password)
                .hasSize(20).containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]")
                .containsPattern("[-_.+=@%]"));
    }
}
