package dev.jmlflow.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether the configured administrator is safe enough to run with real targets, and says exactly what to
 * set when it is not. Camunda's own password policy (upper, lower, digit, special character) is checked again when
 * the user is saved.
 */
public final class AdminCredentialsPolicy {

    public static final int MIN_PASSWORD_LENGTH = 12;

    /** Passwords (letters only, lower case) that appear at the top of every breached-password list. */
    private static final Set<String> COMMON = Set.of(
            "password", "passwort", "admin", "administrator", "changeme", "changeit", "letmein", "welcome",
            "qwerty", "qwertz", "azerty", "secret", "default", "camunda", "demo", "jmlflow", "root", "test",
            "iloveyou", "monkey", "dragon", "master", "login", "abc", "abcdef", "abcdefgh", "");

    private AdminCredentialsPolicy() {
    }

    /** Every reason the credentials are refused; empty when they are acceptable. */
    public static List<String> problems(String user, String password) {
        List<String> problems = new ArrayList<>();
        boolean noUser = AdminProperties.isBlank(user);
        boolean noPassword = AdminProperties.isBlank(password);
        if (noUser) {
            problems.add("JMLFLOW_ADMIN_USER is not set");
        }
        if (noPassword) {
            problems.add("JMLFLOW_ADMIN_PASSWORD is not set");
            return problems;
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            problems.add("JMLFLOW_ADMIN_PASSWORD is shorter than " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (isCommon(password)) {
            problems.add("JMLFLOW_ADMIN_PASSWORD is a common password");
        }
        if (!noUser && password.toLowerCase(Locale.ROOT).contains(user.trim().toLowerCase(Locale.ROOT))) {
            problems.add(password.equalsIgnoreCase(user.trim())
                    ? "JMLFLOW_ADMIN_PASSWORD equals JMLFLOW_ADMIN_USER"
                    : "JMLFLOW_ADMIN_PASSWORD contains JMLFLOW_ADMIN_USER");
        }
        return problems;
    }

    /** Throws {@link InsecureAdminException} naming every problem and what to set instead. */
    public static void requireSafe(String user, String password, String reason) {
        List<String> problems = problems(user, password);
        if (!problems.isEmpty()) {
            throw new InsecureAdminException(reason, problems);
        }
    }

    private static boolean isCommon(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (lower.chars().distinct().count() <= 2) {
            return true; // aaaaaaaaaaaa, 121212121212
        }
        if ("0123456789".contains(lower) || "1234567890123456789".contains(lower)) {
            return true;
        }
        // "Password123!" and "Admin2024!!" are as weak as their letters
        String letters = lower.replaceAll("[^a-z]", "");
        return COMMON.contains(letters);
    }

    /** Thrown at start-up; the message is meant for the person starting the app. */
    public static final class InsecureAdminException extends IllegalStateException {

        private final List<String> problems;

        InsecureAdminException(String reason, List<String> problems) {
            super("jmlflow refuses to start: " + reason + ", so the administrator must be set explicitly and safely. "
                    + "Problem" + (problems.size() == 1 ? ": " : "s: ") + String.join("; ", problems) + ". "
                    + "Set JMLFLOW_ADMIN_USER to the administrator's user id and JMLFLOW_ADMIN_PASSWORD to a password "
                    + "of at least " + MIN_PASSWORD_LENGTH + " characters with upper- and lower-case letters, a digit "
                    + "and a special character, not a common password and not containing the user id "
                    + "(or the properties jmlflow.admin.user and jmlflow.admin.password).");
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
