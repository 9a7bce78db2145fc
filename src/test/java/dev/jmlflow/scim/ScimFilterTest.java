package dev.jmlflow.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.jmlflow.scim.FilterExpressionParser.Expression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScimFilterTest {

    private static final int RUNS = 5_000;

    @Test
    void everySafeValueRoundTripsThroughAnRfc7644ParserUnchanged() {
        FilterStrings strings = new FilterStrings(7644);
        for (int i = 0; i < RUNS; i++) {
            String value = strings.safe(24);

            Expression parsed = FilterExpressionParser.parse(ScimFilter.eq("userName", value).toString());

            assertThat(parsed).as("value %s", codePoints(value)).isEqualTo(new Expression("userName", "eq", value));
        }
    }

    @Test
    void everyValueWithAForbiddenCharacterIsRefused() {
        FilterStrings strings = new FilterStrings(4242);
        for (int i = 0; i < RUNS; i++) {
            String value = strings.withForbidden();

            assertThat(ScimFilter.isFilterSafe(value)).as("value %s", codePoints(value)).isFalse();
            assertThatIllegalArgumentException().as("value %s", codePoints(value))
                    .isThrownBy(() -> ScimFilter.eq("userName", value));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a\" or userName pr or userName eq \"b",
            "a\\\" or userName pr or \\\"",
            "\\\\\" or 1 eq 1 or \"",
            "x\" and externalId pr and userName eq \"",
            "\") or (userName pr",
            "a\"] or members[value pr",
            "\"",
            "\\",
            "\\\"",
            "%22 or userName pr",
            "{filter}",
            "a+b@example.com"})
    void anInjectionAttemptStaysOneEqualityExpressionWithTheWholeInputAsItsValue(String attack) {
        Expression parsed = FilterExpressionParser.parse(ScimFilter.eq("userName", attack).toString());

        assertThat(parsed).isEqualTo(new Expression("userName", "eq", attack));
    }

    @ParameterizedTest
    @ValueSource(strings = {"userName", "externalId", "displayName", "value", "id"})
    void allowedAttributesCanBeFilteredOn(String attribute) {
        assertThat(ScimFilter.eq(attribute, "x")).hasToString(attribute + " eq \"x\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"emails", "active", "userName eq \"a\" or userName", "username", "meta.created", ""})
    void attributesOutsideTheAllowlistAreRefused(String attribute) {
        assertThatIllegalArgumentException().isThrownBy(() -> ScimFilter.eq(attribute, "x"));
    }

    @Test
    void aMembershipFilterJoinsTwoEscapedComparisonsAroundAValuePath() {
        ScimFilter filter = ScimFilter.eq("id", "g\"1").and(ScimFilter.valuePath("members", ScimFilter.eq("value", "u\"] or id pr")));

        assertThat(filter).hasToString("id eq \"g\\\"1\" and members[value eq \"u\\\"] or id pr\"]");
    }

    @Test
    void aValuePathIsRefusedOnOtherAttributesAndAroundAnythingButOneComparison() {
        assertThatIllegalArgumentException().isThrownBy(() -> ScimFilter.valuePath("emails", ScimFilter.eq("value", "x")));
        assertThatIllegalArgumentException().isThrownBy(() -> ScimFilter.valuePath("members",
                ScimFilter.eq("value", "x").and(ScimFilter.eq("id", "y"))));
    }

    @Test
    void aRefusalNamesTheCodePointButNotTheValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ScimFilter.eq("userName", "secret.person\u202Emoc.elpmaxe@"))
                .withMessageContaining("U+202E")
                .withMessageNotContaining("secret.person");
    }

    private static String codePoints(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(cp -> out.append(String.format("U+%04X ", cp)));
        return out.toString().strip();
    }
}
