package dev.jmlflow.rest;

import dev.jmlflow.approval.ApprovalRefusedException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.exception.NotValidException;

/**
 * A refusal by one of jmlflow's own checks, found among an exception's causes: bad input
 * ({@link NotValidException}, 400) or an operation the rules forbid ({@link ApprovalRefusedException}, 403). The
 * thrower decides which by the type it throws. Either is an expected answer to the caller, not a fault of the app.
 * <p>
 * By convention a refusal's message is an optional sentence saying what did not happen, then one problem per
 * field, each starting with the field's key and joined by {@code "; "}:
 * {@code "The request was not started. managerId: nobody is not a user in the group managers; email: ..."}.
 */
record Refusal(int status, String type, String message) {

    /** An optional sentence (no colon) ending in a full stop, then {@code key: problem}. */
    private static final Pattern PROBLEM = Pattern.compile("(?s)((?:[^:]*?\\.\\s+)?)([A-Za-z][A-Za-z0-9_]*): (.*)");
    private static final String SEPARATOR = "; ";

    static Optional<Refusal> in(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof NotValidException) {
                return Optional.of(new Refusal(400, cause.getClass().getSimpleName(), cause.getMessage()));
            }
            if (cause instanceof ApprovalRefusedException) {
                return Optional.of(new Refusal(403, cause.getClass().getSimpleName(), cause.getMessage()));
            }
        }
        return Optional.empty();
    }

    /** The message with each field key that {@code labels} knows replaced by its form label. */
    String labelled(Map<String, String> labels) {
        return Arrays.stream(String.valueOf(message).split(SEPARATOR)).map(problem -> {
            Matcher matcher = PROBLEM.matcher(problem);
            if (!matcher.matches() || !labels.containsKey(matcher.group(2))) {
                return problem;
            }
            return matcher.group(1) + labels.get(matcher.group(2)) + ": " + matcher.group(3);
        }).collect(Collectors.joining(SEPARATOR));
    }
}
