package dev.jmlflow.security;

import dev.jmlflow.policy.JmlflowGroups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The last lines of the start-up log: where the webapps are and how to log in. When users are seeded (the sandbox's
 * demo users) it prints their passwords of this start, once; nothing else ever logs them.
 */
class StartupBanner implements ApplicationListener<ApplicationReadyEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final SeededUsers seededUsers;
    private final AdminProperties admin;

    StartupBanner(SeededUsers seededUsers, AdminProperties admin) {
        this.seededUsers = seededUsers;
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
        sb.append(seededUsers.bannerText(baseUrl));
        if (seededUsers.users().stream().noneMatch(user -> JmlflowGroups.CAMUNDA_ADMIN.equals(user.group()))) {
            sb.append("  Log in as '").append(admin.user().trim())
                    .append("' with the password from JMLFLOW_ADMIN_PASSWORD.").append(System.lineSeparator());
        }
        sb.append("  Tasklist: ").append(camunda).append("tasklist/").append(System.lineSeparator());
        sb.append("  Cockpit:  ").append(camunda).append("cockpit/").append(System.lineSeparator());
        sb.append("  Admin:    ").append(camunda).append("admin/").append(System.lineSeparator());
        sb.append("  REST API: ").append(baseUrl).append("/engine-rest (HTTP Basic)").append(System.lineSeparator());
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
