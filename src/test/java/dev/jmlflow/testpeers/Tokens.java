package dev.jmlflow.testpeers;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random bearer tokens, so no test token is ever hard-coded anywhere. */
final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
