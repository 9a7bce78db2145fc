package dev.jmlflow.scim;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The only way jmlflow builds a SCIM filter: {@code attr eq "value"} expressions whose values are escaped by
 * JSON string rules (RFC 7644 section 3.4.2.2), joined only by {@code and}, and a value path such as
 * {@code members[value eq "..."]} around one of them. Values with control characters, line separators, bidirectional
 * controls (which make a log or an approval page show something other than what is sent) or unpaired surrogates
 * (which cannot be encoded as UTF-8) are refused: no target handles them predictably and they never appear in
 * legitimate identity data.
 */
public final class ScimFilter {

    private static final Set<String> ATTRIBUTES = Set.of("userName", "externalId", "displayName", "value", "id");
    private static final Set<String> MULTI_VALUED = Set.of("members");

    private final String expression;
    /** One {@code attr eq "value"}: the only thing a value path may hold. */
    private final boolean comparison;

    private ScimFilter(String expression, boolean comparison) {
        this.expression = expression;
        this.comparison = comparison;
    }

    public static ScimFilter eq(String attribute, String value) {
        if (!ATTRIBUTES.contains(attribute)) {
            throw new IllegalArgumentException("filtering on '" + attribute + "' is not allowed");
        }
        Objects.requireNonNull(value, "filter value");
        return new ScimFilter(attribute + " eq \"" + escape(value) + "\"", true);
    }

    /** {@code attribute[comparison]}, e.g. {@code members[value eq "2819c223"]}: a value of a multi-valued attribute. */
    public static ScimFilter valuePath(String attribute, ScimFilter comparison) {
        if (!MULTI_VALUED.contains(attribute)) {
            throw new IllegalArgumentException("a value path on '" + attribute + "' is not allowed");
        }
        if (!comparison.comparison) {
            throw new IllegalArgumentException("a value path holds one comparison");
        }
        return new ScimFilter(attribute + "[" + comparison.expression + "]", false);
    }

    /** Both this filter and {@code other}; no {@code or} exists, so no grouping is needed. */
    public ScimFilter and(ScimFilter other) {
        return new ScimFilter(expression + " and " + other.expression, false);
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
