package dev.jmlflow.security;

import dev.jmlflow.policy.JmlflowGroups;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo users of sandbox mode with their passwords, new on every start. Empty outside sandbox mode. Tests log in
 * with these; people read them once from the start-up banner.
 */
public final class SandboxCredentials {

    /** A demo user: id, display name, and the one group that defines what they may do. */
    public record DemoUser(String id, String firstName, String lastName, String group) {
    }

    public static final String ADMIN = "admin";

    public static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("hr", "Hanna", "Reyes", JmlflowGroups.HR),
            new DemoUser("manager1", "Max", "Lind", JmlflowGroups.MANAGERS),
            new DemoUser("manager2", "Mira", "Okafor", JmlflowGroups.MANAGERS),
            new DemoUser("appowner", "Arjun", "Olsen", JmlflowGroups.APP_OWNERS),
            new DemoUser("ops", "Otto", "Park", JmlflowGroups.IT_OPS));

    /** Marks users created by the sandbox, so they can be removed when real targets are configured. */
    static final String DEMO_EMAIL_DOMAIN = "@sandbox.jmlflow.invalid";

    private final Map<String, String> passwords;

    private SandboxCredentials(Map<String, String> passwords) {
        this.passwords = Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
    }

    static SandboxCredentials none() {
        return new SandboxCredentials(Map.of());
    }

    /** New random passwords for every demo user, and for {@code admin} unless an admin is configured. */
    static SandboxCredentials generate(boolean includeAdmin) {
        PasswordGenerator generator = new PasswordGenerator();
        Map<String, String> passwords = new LinkedHashMap<>();
        // Camunda's policy refuses a password holding the user's id, name or email, which "hr" in 20 random
        // characters would be now and then
        DEMO_USERS.forEach(user -> passwords.put(user.id(), generator.nextAvoiding(
                List.of(user.id(), user.firstName(), user.lastName(), user.id() + DEMO_EMAIL_DOMAIN))));
        if (includeAdmin) {
            passwords.put(ADMIN, generator.nextAvoiding(List.of(ADMIN, ADMIN + DEMO_EMAIL_DOMAIN)));
        }
        return new SandboxCredentials(passwords);
    }

    public boolean isEmpty() {
        return passwords.isEmpty();
    }

    /** The demo password of a user; throws for a user that is not a sandbox user of this start. */
    public String passwordOf(String userId) {
        String password = passwords.get(userId);
        if (password == null) {
            throw new IllegalArgumentException("no sandbox user " + userId);
        }
        return password;
    }

    /** User id to password, in the order the banner prints them. */
    Map<String, String> all() {
        return passwords;
    }

    public boolean hasUser(String userId) {
        return passwords.containsKey(userId);
    }

    @Override
    public String toString() {
        return "SandboxCredentials" + passwords.keySet(); // never the passwords
    }
}
