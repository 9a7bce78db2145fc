package dev.jmlflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import dev.jmlflow.policy.JmlflowGroups;
import dev.jmlflow.sandbox.SandboxMode;
import dev.jmlflow.security.EngineRest.Credentials;

/**
 * A start with a real target configured, the admin from the environment, and the app served over HTTPS (as
 * behind a TLS-terminating proxy, {@code jmlflow.https=true}): no demo users, the admin logs in, cookies are
 * hardened.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "jmlflow.targets.peer.dialect=generic",
    "jmlflow.targets.peer.base-url=http://127.0.0.1:9/scim/v2",
    "jmlflow.targets.peer.token=production-mode-test-token",
    "jmlflow.admin.user=" + ProductionModeTest.ADMIN,
    "jmlflow.admin.password=" + ProductionModeTest.ADMIN_PASSWORD,
    "jmlflow.https=true",
    "camunda.bpm.deployment-resource-pattern=classpath*:security-test/*.bpmn",
    "camunda.bpm.job-execution.enabled=false"
})
@DirtiesContext // the REST API finds the engine by its name "default" in a JVM-wide registry
class ProductionModeTest {

    static final String ADMIN = "gatekeeper";
    static final String ADMIN_PASSWORD = "Tr4ck-the-Leavers!";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    SandboxMode sandboxMode;

    @Test
    void aConfiguredTargetEndsSandboxMode() {
        assertThat(sandboxMode.active()).isFalse();
    }

    @Test
    void thereAreNoDemoUsersOnlyTheConfiguredAdmin() {
        assertThat(identityService.createUserQuery().list()).extracting(u -> u.getId()).containsExactly(ADMIN);
        assertThat(identityService.createUserQuery().memberOfGroup(JmlflowGroups.CAMUNDA_ADMIN).list())
                .extracting(u -> u.getId()).containsExactly(ADMIN);
    }

    @Test
    void theConfiguredAdminUsesEngineRest() {
        EngineRest rest = new EngineRest(port);

        assertThat(rest.get(new Credentials(ADMIN, ADMIN_PASSWORD), "/process-definition").status()).isEqualTo(200);
        assertThat(rest.get(new Credentials(ADMIN, ADMIN), "/process-definition").status()).isEqualTo(401);
    }

    @Test
    void sessionAndCsrfCookiesAreSecureHttpOnlyAndSameSite() throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String base = "http://127.0.0.1:" + port + "/camunda";

        // the webapp hands out the CSRF cookie on its first page and the session cookie with it
        List<String> cookies = http.send(HttpRequest.newBuilder(URI.create(base + "/app/tasklist/default/")).build(),
                BodyHandlers.discarding()).headers().allValues("Set-Cookie");

        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("XSRF-TOKEN=").containsPattern(";\\s*Secure")
                .contains("SameSite=Lax"));
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").containsPattern(";\\s*Secure")
                .containsPattern(";\\s*HttpOnly").contains("SameSite=Lax"));
    }
}
