package dev.jmlflow.scim;

/**
 * A minimal parser for the one filter form jmlflow sends, {@code attrPath SP "eq" SP compValue} with a JSON string
 * compValue (RFC 7644 section 3.4.2.2, RFC 8259 section 7). It refuses anything after the closing quote, so an
 * injected {@code or ...} shows up as a parse failure.
 */
final class FilterExpressionParser {

    record Expression(String attribute, String operator, String value) {
    }

    private final String text;
    private int pos;

    private FilterExpressionParser(String text) {
        this.text = text;
    }

    static Expression parse(String filter) {
        return new FilterExpressionParser(filter).expression();
    }

    private Expression expression() {
        String attribute = name();
        expect(' ');
        String operator = name();
        expect(' ');
        String value = jsonString();
        if (pos != text.length()) {
            throw new IllegalArgumentException("trailing input at " + pos + ": " + text.substring(pos));
        }
        return new Expression(attribute, operator, value);
    }

    private String name() {
        int start = pos;
        if (pos >= text.length() || !isAsciiLetter(text.charAt(pos))) {
            throw new IllegalArgumentException("name expected at " + pos);
        }
        while (pos < text.length() && (isAsciiLetter(text.charAt(pos)) || Character.isDigit(text.charAt(pos))
                || text.charAt(pos) == '_' || text.charAt(pos) == '-')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String jsonString() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new IllegalArgumentException("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("raw control character in string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw new IllegalArgumentException("dangling escape");
            }
            char escaped = text.charAt(pos++);
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> throw new IllegalArgumentException("invalid escape \\" + escaped);
            }
        }
    }

    private void expect(char c) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw new IllegalArgumentException("'" + c + "' expected at " + pos);
        }
        pos++;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
