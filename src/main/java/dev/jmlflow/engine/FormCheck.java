package dev.jmlflow.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.exception.NotValidException;

/**
 * Checks the variables a start form submitted, collecting every problem with the field it concerns, and writes
 * the cleaned values back. {@link #throwIfInvalid()} refuses the start: the instance is rolled back and REST and
 * Tasklist show the message.
 */
public final class FormCheck {

    /**
     * The addresses companies hand out (RFC 5321 dot-atoms such as zoe.o'brien or a+b), still userName-safe: no double
     * quotes, backslashes, spaces or control characters (R-S-12); ScimFilter escapes whatever a filter holds.
     * forms/joiner-start.form carries the same pattern, so the form refuses inline what this refuses.
     */
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    /** Letters (any script), spaces, apostrophe, hyphen and dot. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} '.-]{0,63}");
    private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{M}\\p{N} &'()./,-]{1,100}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final DelegateExecution execution;
    private final List<String> problems = new ArrayList<>();

    public FormCheck(DelegateExecution execution) {
        this.execution = execution;
    }

    /** The trimmed value, or null (and a problem) when it is missing. */
    public String required(String field) {
        Object raw = execution.getVariable(field);
        if (raw == null || raw.toString().isBlank()) {
            problems.add(field + ": is required");
            return null;
        }
        if (!(raw instanceof String value)) {
            problems.add(field + ": must be text");
            return null;
        }
        String clean = value.strip();
        execution.setVariable(field, clean);
        return clean;
    }

    public String optional(String field) {
        Object raw = execution.getVariable(field);
        return raw == null || raw.toString().isBlank() ? null : required(field);
    }

    public String email(String field) {
        return matching(field, EMAIL, "must be an email address like jane.doe@example.com, without double quotes or spaces");
    }

    public String personName(String field) {
        return matching(field, NAME, "may hold letters, spaces, apostrophes, hyphens and dots only (no quotes, backslashes or control characters)");
    }

    public String plainText(String field) {
        return matching(field, PLAIN, "may hold letters, digits, spaces and & ' ( ) . / , - only");
    }

    public String id(String field) {
        return matching(field, ID, "may hold letters, digits and . _ @ - only");
    }

    /** A {@code yyyy-MM-dd} date not before {@code today}. */
    public LocalDate dateFrom(String field, LocalDate today) {
        return dateBetween(field, today, LocalDate.MAX);
    }

    /** A {@code yyyy-MM-dd} date; when {@code earliest} is given, not before it; not after {@code latest}. */
    public LocalDate dateBetween(String field, LocalDate earliest, LocalDate latest) {
        String value = required(field);
        if (value == null) {
            return null;
        }
        try {
            LocalDate date = Schedule.parse(value);
            if (earliest != null && date.isBefore(earliest)) {
                problems.add(field + ": " + value + " is in the past (today is " + earliest + ")");
            } else if (date.isAfter(latest)) {
                problems.add(field + ": " + value + " is too far ahead; the latest allowed is " + latest);
            }
            return date;
        } catch (IllegalArgumentException e) {
            problems.add(field + ": " + e.getMessage());
            return null;
        }
    }

    /** Records a problem found by a check the caller made itself. */
    public void problem(String field, String message) {
        problems.add(field + ": " + message);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    public void throwIfInvalid() {
        throwIfInvalid("The request was not started.");
    }

    /** Refuses with every problem, after {@code refusal} saying what did not happen. */
    public void throwIfInvalid(String refusal) {
        if (!problems.isEmpty()) {
            throw new NotValidException(refusal + " " + String.join("; ", problems));
        }
    }

    private String matching(String field, Pattern pattern, String rule) {
        String value = required(field);
        if (value != null && !pattern.matcher(value).matches()) {
            problems.add(field + ": " + rule);
            return null;
        }
        return value;
    }
}
