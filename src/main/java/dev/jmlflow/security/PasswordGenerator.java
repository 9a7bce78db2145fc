package dev.jmlflow.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Random passwords that pass Camunda's default password policy (upper, lower, digit, special, length, and none of
 * the user's own data in it).
 */
public final class PasswordGenerator {

    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    // no quotes, backslash or shell metacharacters, so a printed password can be pasted anywhere
    private static final String SPECIAL = "-_.+=@%";
    private static final String ALL = UPPER + LOWER + DIGITS + SPECIAL;
    private static final int LENGTH = 20;

    private final SecureRandom random = new SecureRandom();

    /** A password that contains none of {@code userData} (id, names, email), compared case-insensitively. */
    public String nextAvoiding(List<String> userData) {
        String password;
        do {
            password = next();
        } while (containsAny(password, userData));
        return password;
    }

    private static boolean containsAny(String password, List<String> userData) {
        String upper = password.toUpperCase(Locale.ROOT);
        return userData.stream().filter(data -> data != null && !data.isBlank())
                .anyMatch(data -> upper.contains(data.toUpperCase(Locale.ROOT)));
    }

    String next() {
        List<Character> chars = new ArrayList<>(LENGTH);
        chars.add(pick(UPPER));
        chars.add(pick(LOWER));
        chars.add(pick(DIGITS));
        chars.add(pick(SPECIAL));
        while (chars.size() < LENGTH) {
            chars.add(pick(ALL));
        }
        Collections.shuffle(chars, random);
        StringBuilder sb = new StringBuilder(LENGTH);
        chars.forEach(sb::append);
        return sb.toString();
    }

    private char pick(String alphabet) {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }
}
