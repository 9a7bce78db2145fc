package dev.jmlflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import dev.jmlflow.notification.NotificationService;
import dev.jmlflow.notification.Recipients;
import dev.jmlflow.sandbox.scimserver.Profile;
import dev.jmlflow.scim.PatchOperation;
import dev.jmlflow.scim.PatchRequest;
import dev.jmlflow.scim.ScimFilter;
import dev.jmlflow.scim.ScimGroup;
import dev.jmlflow.scim.ScimUser;
import dev.jmlflow.targets.Dialect;
import dev.jmlflow.targets.Target;
import dev.jmlflow.targets.TargetProperties;
import dev.jmlflow.targets.TargetRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The app with nothing configured: three sandbox targets on the in-app SCIM server, reached through the same
 * target registry, clients, health checks and metrics as real ones, and the read-only /sandbox page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.deployment-resource-pattern=classpath*:no-deployment-in-this-test/*.bpmn",
    "camunda.bpm.job-execution.enabled=false",
    "jmlflow.health.target-check-interval=200ms"
})
@AutoConfigureObservability(tracing = false) // tests turn metrics export off unless asked; /actuator/prometheus needs it
@DirtiesContext // the webapps find the engine by its name "default" in a JVM-wide registry
@ExtendWith(OutputCaptureExtension.class)
class SandboxApplicationTest {

    @LocalServerPort
    int port;
    @Autowired
    TargetRegistry targets;
    @Autowired
    TargetProperties targetProperties;
    @Autowired
    SandboxCredentials demoUsers;
    @Autowired
    Environment environment;
    @Autowired
    NotificationService notifications;

    @Test
    void threeSandboxTargetsAreRegisteredWithTheirVendorDialects() {
        assertThat(targets.names()).containsExactly("coginiti", "coralogix", "cortex");
        assertThat(targets.get("coralogix").dialect()).isEqualTo(Dialect.CORALOGIX);
        assertThat(targets.get("cortex").dialect()).isEqualTo(Dialect.CORTEX);
        assertThat(targets.get("coginiti").dialect()).isEqualTo(Dialect.COGINITI);
        assertThat(targetProperties.targets()).containsOnlyKeys("coginiti", "coralogix", "cortex");
    }

    @Test
    void eachSandboxTargetHasItsOwnToken() {
        assertThat(targetProperties.targets().values().stream().map(settings -> settings.token()).distinct()).hasSize(3);
    }

    @Test
    void sandboxTargetsAreReachableAndFilterSafe() {
        targets.all().forEach(target -> assertThat(target.refreshCapabilities())
                .as(target.name()).satisfies(caps -> {
                    assertThat(caps.reachable()).isTrue();
                    assertThat(caps.filterSafe()).isTrue();
                }));
    }

    @Test
    void sandboxTargetsImitateTheirVendorsUpdateStyle() {
        assertThat(SandboxTenants.ALL).extracting(SandboxTenants.Tenant::profile)
                .containsExactly(Profile.imitating(Dialect.CORALOGIX), Profile.imitating(Dialect.CORTEX), Profile.imitating(Dialect.COGINITI));
        assertThat(targets.get("coralogix").refreshCapabilities().patchSupported()).isTrue();
        assertThat(targets.get("coginiti").refreshCapabilities().patchSupported()).isFalse();
    }

    @Test
    void everyGroupOfTheBirthrightRulesExistsInItsSandboxTarget() throws Exception {
        List<Map.Entry<String, String>> rules = birthrightTargetGroups();
        assertThat(rules).isNotEmpty();
        rules.forEach(rule -> assertThat(targets.get(rule.getKey()).api()
                .findGroups(ScimFilter.eq("displayName", rule.getValue()), 1, 10).resources())
                .as(rule.toString()).extracting(ScimGroup::displayName).containsExactly(rule.getValue()));
    }

    @Test
    void sandboxPageNeedsALogin() {
        var page = new AppHttp(port).get("/sandbox");

        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.body()).contains("SANDBOX").doesNotContain("engineering");
    }

    @Test
    void sandboxPageListsAccountsAndGroupMembersAfterLogin() {
        Target cortex = targets.get("cortex");
        ScimUser created = cortex.api().createUser(new ScimUser(null, null, "E-PAGE-1", "page.test@example.com",
                null, null, null, true, null, null, null, null));
        ScimGroup engineering = cortex.api().findGroups(ScimFilter.eq("displayName", "engineering"), 1, 1).resources().get(0);
        cortex.api().patchGroup(engineering.id(), PatchRequest.of(PatchOperation.addMember(created.id())));
        var browser = new AppHttp(port);

        assertThat(browser.loginToTasklist("hr", demoUsers.passwordOf("hr")).statusCode()).isEqualTo(200);
        var page = browser.get("/sandbox");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>SANDBOX").contains("page.test@example.com").contains("E-PAGE-1")
                .containsPattern("<td>engineering</td><td>[^<]*page\\.test@example\\.com");
        targetProperties.targets().values().forEach(settings -> assertThat(page.body()).doesNotContain(settings.token()));
    }

    @Test
    void sandboxMailPageNeedsALogin() {
        notifications.notify(Recipients.users("manager1"), "Secret subject", "not for strangers", Optional.empty());

        var page = new AppHttp(port).get("/sandbox/mail");

        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.body()).contains("SANDBOX").doesNotContain("Secret subject");
    }

    @Test
    void sandboxMailPageShowsAMailTheAppSentWithRecipientSubjectAndEscapedText() {
        notifications.notify(Recipients.users("manager1"), "Access ready for <Zoë O'Brien>",
                "Zoë's accounts: <script>alert(1)</script>", Optional.empty());
        var browser = new AppHttp(port);

        assertThat(browser.loginToTasklist("hr", demoUsers.passwordOf("hr")).statusCode()).isEqualTo(200);
        var page = browser.get("/sandbox/mail");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("manager1@")
                .contains("Access ready for &lt;Zoë O&#39;Brien&gt;")
                .contains("Zoë&#39;s accounts: &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
    }

    @Test
    void sandboxPageLinksToTheSandboxMail() {
        var browser = new AppHttp(port);
        browser.loginToTasklist("hr", demoUsers.passwordOf("hr"));

        assertThat(browser.get("/sandbox").body()).contains("href=\"/sandbox/mail\"");
    }

    @Test
    void logAnnouncesTheSandboxWithoutItsTokens(CapturedOutput output) {
        assertThat(output.getAll()).contains("SANDBOX");
        targetProperties.targets().values().forEach(settings -> assertThat(output.getAll()).doesNotContain(settings.token()));
    }

    @Test
    void healthIsPublicButTargetDetailsAreForOps() throws InterruptedException {
        var http = new AppHttp(port);
        var anonymous = http.get("/actuator/health");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"status\"").doesNotContain("cortex");

        var ops = awaitBody(() -> http.get("/actuator/health/targets", "ops", demoUsers.passwordOf("ops")).body(),
                body -> body.contains("\"cortex\":{\"status\":\"UP\""));
        assertThat(ops).contains("\"coralogix\":{\"status\":\"UP\"").contains("\"coginiti\":{\"status\":\"UP\"");
    }

    @Test
    void prometheusNeedsOpsAndShowsScimCallsByTarget() {
        targets.get("coralogix").api().findUsers(ScimFilter.eq("userName", "metrics@example.com"), 1, 1);
        var http = new AppHttp(port);

        assertThat(http.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(http.get("/actuator/metrics").statusCode()).isEqualTo(401);
        assertThat(http.get("/actuator").statusCode()).isEqualTo(401);
        assertThat(http.get("/actuator/prometheus", "hr", demoUsers.passwordOf("hr")).statusCode()).isEqualTo(403);
        // a wrong password locks the user for a few seconds (Camunda's login throttling), so not ops here
        assertThat(http.get("/actuator/prometheus", "appowner", "wrong-password").statusCode()).isEqualTo(401);
        var scrape = http.get("/actuator/prometheus", "ops", demoUsers.passwordOf("ops"));

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).containsPattern(
                "jmlflow_scim_calls_seconds_count\\{[^}]*operation=\"findUsers\"[^}]*status=\"2xx\"[^}]*target=\"coralogix\"");
    }

    private static String awaitBody(java.util.function.Supplier<String> fetch, java.util.function.Predicate<String> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String body = fetch.get();
        while (!done.test(body) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            body = fetch.get();
        }
        assertThat(done.test(body)).as(body).isTrue();
        return body;
    }

    /** (target, group) of every rule in processes/birthright-access.dmn. */
    private static List<Map.Entry<String, String>> birthrightTargetGroups() throws Exception {
        try (InputStream dmn = SandboxApplicationTest.class.getResourceAsStream("/processes/birthright-access.dmn")) {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            var document = factory.newDocumentBuilder().parse(dmn);
            NodeList outputs = document.getElementsByTagNameNS("*", "output");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < outputs.getLength(); i++) {
                names.add(((Element) outputs.item(i)).getAttribute("name"));
            }
            NodeList rules = document.getElementsByTagNameNS("*", "rule");
            List<Map.Entry<String, String>> pairs = new ArrayList<>();
            for (int i = 0; i < rules.getLength(); i++) {
                NodeList entries = ((Element) rules.item(i)).getElementsByTagNameNS("*", "outputEntry");
                String target = unquote(entries.item(names.indexOf("target")).getTextContent());
                String group = unquote(entries.item(names.indexOf("group")).getTextContent());
                pairs.add(Map.entry(target, group));
            }
            return pairs;
        }
    }

    private static String unquote(String feel) {
        return feel.trim().replaceAll("^\"|\"$", "");
    }
}
