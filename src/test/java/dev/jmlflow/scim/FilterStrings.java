package dev.jmlflow.scim;

import java.util.List;
import java.util.Random;

/**
 * A seeded generator of filter values for property-style tests: random Unicode from every plane, weighted towards
 * the characters that break naive filter building (quotes, backslashes, URL and template syntax, surrogate pairs).
 */
final class FilterStrings {

    /** Characters a value may never carry: C0/C1 controls, line separators, Bidi_Control, unpaired surrogates. */
    static final List<Integer> FORBIDDEN = List.of(0x00, 0x07, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F, 0x85, 0x9F,
            0x2028, 0x2029, 0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068,
            0x2069, 0xD800, 0xDBFF, 0xDC00, 0xDFFF);

    private static final String TRICKY = "\"\\'/%+&=#?{}[]() .@:;,*$!~`^|<>";

    private final Random random;

    FilterStrings(long seed) {
        this.random = new Random(seed);
    }

    /** A value of 0 to {@code maxLength} code points containing no forbidden character. */
    String safe(int maxLength) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        while (out.codePointCount(0, out.length()) < length) {
            int cp = nextCodePoint();
            if (!FORBIDDEN.contains(cp) && !isForbidden(cp)) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** A safe value with one forbidden character inserted at a random place. */
    String withForbidden() {
        String safe = safe(12);
        int forbidden = FORBIDDEN.get(random.nextInt(FORBIDDEN.size()));
        int at = safe.offsetByCodePoints(0, random.nextInt(safe.codePointCount(0, safe.length()) + 1));
        return safe.substring(0, at) + new String(Character.toChars(forbidden)) + safe.substring(at);
    }

    private int nextCodePoint() {
        return switch (random.nextInt(6)) {
            case 0 -> TRICKY.charAt(random.nextInt(TRICKY.length()));
            case 1 -> 0x20 + random.nextInt(0x5F);
            case 2 -> 0xA0 + random.nextInt(0x2000);
            case 3 -> 0x1F300 + random.nextInt(0x300);
            case 4 -> 0x10000 + random.nextInt(0x10FFFF - 0x10000);
            default -> random.nextInt(0xFFFF);
        };
    }

    private static boolean isForbidden(int cp) {
        return Character.isISOControl(cp) || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0x2028 || cp == 0x2029
                || cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }
}
