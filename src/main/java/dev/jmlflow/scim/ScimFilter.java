package dev.jmlflow.scim;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The only way jmlflow builds a SCIM filter: one {@code attr eq "value"} expression whose value is escaped by
 * JSON string rules (RFC 7644 section 3.4.2.2). Values with control characters, line separators, bidirectional
 * controls (which make a log or an approval page show something other than what is sent) or unpaired surrogates
 * (which cannot be encoded as UTF-8) are refused: no target handles them predictably and they never appear in
 * legitimate identity data.
 */
public final class ScimFilter {

    private static final Set<String> ATTRIBUTES = Set.of("userName", "externalId", "displayName", "value", "id");

    private final String expression;

    private ScimFilter(String expression) {
        this.expression = expression;
    }

    public static ScimFilter eq(String attribute, String value) {
        if (!ATTRIBUTES.contains(attribute)) {
            throw new IllegalArgumentException("filtering on '" + attribute + "' is not allowed");
        }
        Objects.requireNonNull(value, "filter value");
        return new ScimFilter(attribute + " eq \"" + escape(value) + "\"");
    }

    /** Whether {@code value} can be used in a filter at all (see the class comment for what is refused). */
    public static boolean isFilterSafe(String value) {
        return value != null && value.codePoints().noneMatch(ScimFilter::isForbidden);
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        value.codePoints().forEach(cp -> {
            if (isForbidden(cp)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "filter value contains the forbidden character U+%04X", cp));
            }
            if (cp == '\\' || cp == '"') {
                out.append('\\');
            }
            out.appendCodePoint(cp);
        });
        return out.toString();
    }

    private static boolean isForbidden(int cp) {
        return Character.isISOControl(cp)
                || cp == 0x2028 || cp == 0x2029
                || isBidiControl(cp)
                || Character.getType(cp) == Character.SURROGATE;
    }

    /** The Unicode Bidi_Control characters: ALM, LRM, RLM, the embeddings and overrides, the isolates. */
    private static boolean isBidiControl(int cp) {
        return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** The filter expression, unencoded; Feign URL-encodes it as a query parameter. */
    @Override
    public String toString() {
        return expression;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScimFilter f && f.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }
}
