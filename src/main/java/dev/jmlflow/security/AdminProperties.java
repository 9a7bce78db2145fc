package dev.jmlflow.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The break-glass administrator, from {@code JMLFLOW_ADMIN_USER} / {@code JMLFLOW_ADMIN_PASSWORD}.
 * Required outside sandbox mode; optional in sandbox mode (a random admin is made instead).
 */
@ConfigurationProperties("jmlflow.admin")
public record AdminProperties(String user, String password) {

    public boolean isGiven() {
        return !isBlank(user) || !isBlank(password);
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "AdminProperties[user=" + user + ", password=" + (isBlank(password) ? "<none>" : "<hidden>") + "]";
    }
}
