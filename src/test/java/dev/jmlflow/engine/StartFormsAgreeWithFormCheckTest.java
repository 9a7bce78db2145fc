package dev.jmlflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The start forms refuse inline what the server's {@link FormCheck} refuses, so HR sees the error next to the field
 * before submitting. The server stays the authority; these tests keep the two from drifting apart. A form pattern is
 * applied as form-js does, a JavaScript {@code RegExp} without the {@code u} flag: so no {@code \p{L}}, and
 * {@code find} with explicit anchors.
 */
class StartFormsAgreeWithFormCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} requires {1}")
    @CsvSource({
            "joiner-start, employeeId", "joiner-start, givenName", "joiner-start, familyName", "joiner-start, email",
            "joiner-start, department", "joiner-start, jobTitle", "joiner-start, managerId", "joiner-start, startDate",
            "mover-start, employeeId", "mover-start, department", "mover-start, jobTitle", "mover-start, managerId",
            "mover-start, effectiveDate",
            "leaver-start, employeeId", "leaver-start, lastDay", "leaver-start, reason"})
    void everyFieldTheServerRequiresIsRequiredInTheForm(String form, String key) throws IOException {
        assertThat(field(form, key).path("validate").path("required").asBoolean()).isTrue();
    }

    @Test
    void emailPatternAgreesWithTheServer() throws IOException {
        assertAgree("joiner-start", "email", FormCheck::email, List.of("zoe.o'brien@example.com", "a+b@example.com",
                "jane.doe@sub.example.co", "an\"na\"@example.com", "jane doe@example.com", "jane@localhost",
                "back\\slash@example.com", "no-at-sign.example.com"));
    }

    @Test
    void personNamePatternsAgreeWithTheServer() throws IOException {
        List<String> samples = List.of("Zoë", "O'Brien", "Jean-Luc", "St. John", "Анна", "Ann\"a", "R2D2", "a\\b",
                "'Leading", "-Dash", "x<script>", "Ann;a");
        assertAgree("joiner-start", "givenName", FormCheck::personName, samples);
        assertAgree("joiner-start", "familyName", FormCheck::personName, samples);
    }

    @Test
    void departmentAndTitlePatternsAgreeWithTheServer() throws IOException {
        List<String> samples = List.of("Site Reliability", "R&D (Berlin)", "Finance/Tax, EMEA", "Zoë's team 2",
                "Ops; drop", "<b>Data</b>", "a\"b", "50% off", "under_score");
        for (String form : List.of("joiner-start", "mover-start")) {
            assertAgree(form, "department", FormCheck::plainText, samples);
            assertAgree(form, "jobTitle", FormCheck::plainText, samples);
        }
    }

    @Test
    void idPatternsAgreeWithTheServer() throws IOException {
        List<String> samples = List.of("E100", "mgr.max", "max@corp", "E_1-2", "E 1", "E\"1", "E\\1", "E;1");
        for (String form : List.of("joiner-start", "mover-start", "leaver-start")) {
            assertAgree(form, "employeeId", FormCheck::id, samples);
        }
        assertAgree("joiner-start", "managerId", FormCheck::id, samples);
        assertAgree("mover-start", "managerId", FormCheck::id, samples);
    }

    @Test
    void maxLengthsAgreeWithTheServer() throws IOException {
        assertThat(maxLength("joiner-start", "givenName")).isEqualTo(64);
        assertThat(maxLength("joiner-start", "familyName")).isEqualTo(64);
        assertThat(maxLength("joiner-start", "department")).isEqualTo(100);
        assertThat(maxLength("mover-start", "jobTitle")).isEqualTo(100);
        assertThat(maxLength("joiner-start", "employeeId")).isEqualTo(64);
        assertThat(maxLength("mover-start", "managerId")).isEqualTo(64);
        assertThat(check(FormCheck::personName, "A".repeat(65))).isFalse();
        assertThat(check(FormCheck::plainText, "A".repeat(101))).isFalse();
        assertThat(check(FormCheck::id, "A".repeat(65))).isFalse();
    }

    @ParameterizedTest(name = "{0}.{1} takes a typed ISO date as typed")
    @CsvSource({"joiner-start, startDate", "mover-start, effectiveDate", "leaver-start, lastDay"})
    void everyDateFieldIsTypedAsAnIsoDateTheServerParsesAsTyped(String form, String key) throws IOException {
        JsonNode field = field(form, key);
        assertThat(field.path("type").asText()).as("form-js's date picker reads typed text as mm/dd/yyyy")
                .isEqualTo("textfield");
        Pattern pattern = Pattern.compile(field.path("validate").path("pattern").asText());
        assertThat(pattern.matcher("2026-12-01").find()).isTrue();
        assertThat(Schedule.parse("2026-12-01")).hasToString("2026-12-01");
        assertThat(pattern.matcher("12/01/2026").find()).isFalse();
        assertThat(pattern.matcher("1.12.2026").find()).isFalse();
    }

    private static void assertAgree(String form, String key, BiFunction<FormCheck, String, String> rule,
            List<String> samples) throws IOException {
        Pattern inline = Pattern.compile(field(form, key).path("validate").path("pattern").asText());
        for (String sample : samples) {
            assertThat(inline.matcher(sample).find()).as("%s.%s inline on <%s>", form, key, sample)
                    .isEqualTo(check(rule, sample));
        }
    }

    /** Whether the server accepts {@code value} for a field checked by {@code rule}. */
    private static boolean check(BiFunction<FormCheck, String, String> rule, String value) {
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getVariable("field")).thenReturn(value);
        FormCheck check = new FormCheck(execution);
        rule.apply(check, "field");
        return check.isValid();
    }

    private static int maxLength(String form, String key) throws IOException {
        return field(form, key).path("validate").path("maxLength").asInt();
    }

    private static JsonNode field(String form, String key) throws IOException {
        JsonNode components = JSON.readTree(Path.of("forms", form + ".form").toFile()).path("components");
        return StreamSupport.stream(components.spliterator(), false).filter(c -> key.equals(c.path("key").asText()))
                .findFirst().orElseThrow(() -> new AssertionError(form + " has no field " + key));
    }
}
