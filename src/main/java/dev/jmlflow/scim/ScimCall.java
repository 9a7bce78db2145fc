package dev.jmlflow.scim;

import feign.Request;
import java.net.URI;

/** Names a request in messages as {@code METHOD /path}: never the query (it carries personal data) nor headers. */
final class ScimCall {

    private static final int MAX_TEXT = 200;

    private ScimCall() {
    }

    static String describe(Request request) {
        if (request == null) {
            return "SCIM call";
        }
        return request.httpMethod() + " " + pathOf(request.url());
    }

    private static String pathOf(String url) {
        int query = url.indexOf('?');
        String withoutQuery = query < 0 ? url : url.substring(0, query);
        try {
            String path = URI.create(withoutQuery).getRawPath();
            return path == null || path.isEmpty() ? "/" : path;
        } catch (IllegalArgumentException e) {
            return "(unparsable URL)";
        }
    }

    /**
     * Makes server-supplied text fit for a message or log line: one line, no control characters, no bearer
     * credential (some servers echo the header they rejected), at most 200 characters.
     */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String oneLine = text.replaceAll("[\\p{Cntrl}\\s\\u2028\\u2029]+", " ").strip()
                .replaceAll("(?i)(bearer)\\s+\\S+", "$1 [redacted]");
        if (oneLine.isEmpty()) {
            return null;
        }
        if (oneLine.codePointCount(0, oneLine.length()) <= MAX_TEXT) {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, MAX_TEXT)) + "...";
    }
}
