package dev.jmlflow.sandbox;

import dev.jmlflow.policy.JmlflowGroups;
import dev.jmlflow.security.PasswordGenerator;
import dev.jmlflow.security.SeededUsers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The demo users of sandbox mode with their passwords, new on every start, one per group of the approval policy.
 * Empty outside sandbox mode. Tests log in with these; people read them once from the start-up banner.
 */
public final class SandboxCredentials implements SeededUsers {

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

    private static final DemoUser SANDBOX_ADMIN = new DemoUser(ADMIN, "Sandbox", "Admin", JmlflowGroups.CAMUNDA_ADMIN);

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
    public Map<String, String> all() {
        return passwords;
    }

    public boolean hasUser(String userId) {
        return passwords.containsKey(userId);
    }

    @Override
    public List<SeededUser> users() {
        return Stream.concat(DEMO_USERS.stream(), Stream.of(SANDBOX_ADMIN))
                .filter(user -> hasUser(user.id()))
                .map(user -> new SeededUser(user.id(), user.firstName(), user.lastName(), user.id() + DEMO_EMAIL_DOMAIN,
                        passwordOf(user.id()), user.group()))
                .toList();
    }

    @Override
    public boolean isSeeded(String email) {
        return email != null && email.endsWith(DEMO_EMAIL_DOMAIN);
    }

    @Override
    public String bannerText(String baseUrl) {
        if (isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder()
                .append("  SANDBOX MODE: no target is configured; jmlflow provisions into its own SCIM sandbox.")
                .append(System.lineSeparator())
                .append("  Sandbox:  ").append(baseUrl).append("/sandbox").append(System.lineSeparator())
                .append("  Demo users and passwords, new on every start:").append(System.lineSeparator());
        passwords.forEach((user, password) -> sb.append(String.format("    %-10s %s%n", user, password)));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "SandboxCredentials" + passwords.keySet(); // never the passwords
    }
}
