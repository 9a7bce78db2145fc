package dev.jmlflow.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The last lines of the start-up log: where the webapps are and how to log in. In sandbox mode it prints the demo
 * passwords of this start, once; nothing else ever logs them.
 */
class StartupBanner implements ApplicationListener<ApplicationReadyEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final SandboxMode sandboxMode;
    private final SandboxCredentials credentials;
    private final AdminProperties admin;

    StartupBanner(SandboxMode sandboxMode, SandboxCredentials credentials, AdminProperties admin) {
        this.sandboxMode = sandboxMode;
        this.credentials = credentials;
        this.admin = admin;
    }

    /** After the other ready-listeners (the job executor's start), so the banner is the end of the start-up log. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        log.info(text(baseUrl(event.getApplicationContext().getEnvironment())));
    }

    String text(String baseUrl) {
        String camunda = baseUrl + "/camunda/app/";
        StringBuilder sb = new StringBuilder(System.lineSeparator());
        String rule = "=".repeat(72);
        sb.append(rule).append(System.lineSeparator());
        if (sandboxMode.active()) {
            sb.append("  SANDBOX MODE: no target is configured; jmlflow provisions into its own SCIM sandbox.")
                    .append(System.lineSeparator())
                    .append("  Demo users and passwords, new on every start:").append(System.lineSeparator());
            credentials.all().forEach((user, password) -> sb.append(String.format("    %-10s %s%n", user, password)));
        } else {
            sb.append("  Log in as '").append(admin.user().trim())
                    .append("' with the password from JMLFLOW_ADMIN_PASSWORD.").append(System.lineSeparator());
        }
        sb.append("  Tasklist: ").append(camunda).append("tasklist/").append(System.lineSeparator());
        sb.append("  Cockpit:  ").append(camunda).append("cockpit/").append(System.lineSeparator());
        sb.append("  Admin:    ").append(camunda).append("admin/").append(System.lineSeparator());
        sb.append("  REST API: ").append(baseUrl).append("/engine-rest (HTTP Basic)").append(System.lineSeparator());
        if (sandboxMode.active()) {
            sb.append("  Sandbox:  ").append(baseUrl).append("/sandbox").append(System.lineSeparator());
        }
        sb.append(rule);
        return sb.toString();
    }

    private static String baseUrl(Environment env) {
        boolean https = env.getProperty("jmlflow.https", Boolean.class, false);
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        String contextPath = env.getProperty("server.servlet.context-path", "");
        return (https ? "https" : "http") + "://localhost:" + port + contextPath;
    }
}
