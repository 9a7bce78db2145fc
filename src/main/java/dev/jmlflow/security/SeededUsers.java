package dev.jmlflow.security;

import java.util.List;

/**
 * Users another package brings into Camunda for one start, with passwords made for that start (the sandbox's demo
 * users). {@link IdentitySetup} creates or resets them, and removes those of an earlier start when this start seeds
 * none; the {@link StartupBanner} prints their passwords, once. A seeded member of {@code camunda-admin} stands in
 * for the configured admin. Security offers this so it need not know who seeds.
 */
public interface SeededUsers {

    /** A user to create or reset, a member of exactly one group. */
    record SeededUser(String id, String firstName, String lastName, String email, String password, String group) {

        @Override
        public String toString() {
            return "SeededUser[" + id + "]"; // never the password
        }
    }

    /** The users of this start; empty when none are wanted. */
    List<SeededUser> users();

    /** Whether a Camunda user with this email was seeded by some start. */
    boolean isSeeded(String email);

    /** What the start-up banner says about the seeded users, passwords included; empty when there are none. */
    String bannerText(String baseUrl);
}
