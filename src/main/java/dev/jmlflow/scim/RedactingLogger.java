package dev.jmlflow.scim;

import feign.Logger;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Feign's wire log without secrets: credential headers are never written (Feign logs every header at HEADERS and
 * FULL), and {@code filter=} query values are blanked because they carry personal data (RFC 7644 section 7.5.2).
 * Lines go to {@code java.util.logging} at FINE, which Spring Boot routes to SLF4J as DEBUG.
 */
final class RedactingLogger extends Logger {

    static final String LOGGER_NAME = "dev.jmlflow.scim.wire";

    private static final Set<String> SECRET_HEADERS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private static final Pattern FILTER_VALUE = Pattern.compile("([?&]filter=)[^&\\s]*");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer)\\s+\\S+");

    static {
        SECRET_HEADERS.addAll(Set.of("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"));
    }

    private final java.util.logging.Logger sink = java.util.logging.Logger.getLogger(LOGGER_NAME);

    @Override
    protected boolean shouldLogRequestHeader(String header) {
        return !SECRET_HEADERS.contains(header);
    }

    @Override
    protected boolean shouldLogResponseHeader(String header) {
        return !SECRET_HEADERS.contains(header);
    }

    @Override
    protected void log(String configKey, String format, Object... args) {
        if (sink.isLoggable(java.util.logging.Level.FINE)) {
            sink.fine(redact(methodTag(configKey) + String.format(format, args)));
        }
    }

    /** The second line of defence, for text that reaches the log some other way (a body, an exception message). */
    static String redact(String line) {
        String withoutFilters = FILTER_VALUE.matcher(line).replaceAll("$1[redacted]");
        return BEARER.matcher(withoutFilters).replaceAll("$1 [redacted]");
    }
}
