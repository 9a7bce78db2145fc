package dev.jmlflow.requests;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Comma-separated values as RFC 4180 writes them: CRLF between records, a field holding a comma, a quote, CR or LF
 * is quoted and its quotes doubled. A field starting with =, +, - or @ gets a leading apostrophe, so that a
 * spreadsheet opening the evidence never runs a formula typed into a form (OWASP's CSV injection advice).
 */
final class Csv {

    private Csv() {
    }

    static String of(List<String> header, List<List<String>> rows) {
        StringBuilder csv = new StringBuilder(record(header));
        rows.forEach(row -> csv.append(record(row)));
        return csv.toString();
    }

    private static String record(List<String> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(",")) + "\r\n";
    }

    static String field(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quote = text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
