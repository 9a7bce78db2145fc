package dev.jmlflow.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void recordsEndWithCrlfAndPlainFieldsStayUnquoted() {
        assertThat(Csv.of(List.of("app", "step"), List.of(List.of("cortex", "account created"))))
                .isEqualTo("app,step\r\ncortex,account created\r\n");
    }

    @Test
    void aFieldWithACommaAQuoteOrALineBreakIsQuotedWithItsQuotesDoubled() {
        assertThat(Csv.field("Wrong team, ask \"again\"")).isEqualTo("\"Wrong team, ask \"\"again\"\"\"");
        assertThat(Csv.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
    }

    @Test
    void aFieldThatASpreadsheetWouldRunAsAFormulaStartsWithAnApostrophe() {
        assertThat(Csv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }

    @Test
    void aMissingValueIsAnEmptyField() {
        assertThat(Csv.of(List.of("a", "b"), List.of(java.util.Arrays.asList(null, "x")))).endsWith("\r\n,x\r\n");
    }
}
