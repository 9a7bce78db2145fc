package dev.jmlflow.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.jmlflow.sandbox.AppHttp;
import dev.jmlflow.policy.JmlflowGroups;
import dev.jmlflow.scim.ScimFilter;
import dev.jmlflow.sandbox.SandboxCredentials;
import dev.jmlflow.targets.TargetQuarantinedException;
import dev.jmlflow.targets.TargetRegistry;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app in sandbox mode with a real SMTP server (GreenMail): ops quarantine a target and get one mail and
 * one Tasklist task however many requests are held back, health shows the target DOWN with the reason, and ops
 * close the breaker again; the endpoint refuses everyone else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.deployment-resource-pattern=classpath*:no-deployment-in-this-test/*.bpmn",
    "camunda.bpm.job-execution.enabled=false",
    "jmlflow.health.target-check-interval=200ms",
    "spring.mail.properties.mail.from=jmlflow@example.com"
})
@DirtiesContext // stops the sandbox server of this context
class TargetQuarantineJourneyTest {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @LocalServerPort
    int port;
    @Autowired
    SandboxCredentials demoUsers;
    @Autowired
    TargetRegistry targets;
    @Autowired
    TaskService tasks;

    @Test
    void aQuarantinedTargetGivesOpsOneMailAndOneTaskHealthDownWithTheReasonUntilOpsCloseIt() throws Exception {
        var http = new AppHttp(port);
        HttpResponse<String> opened = breaker(http, "cortex", "ops", "{\"state\":\"open\",\"reason\":\"vendor maintenance\"}");
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains("\"state\":\"open\"", "vendor maintenance (by ops)");

        for (int i = 0; i < 25; i++) {
            assertThatThrownBy(() -> lookup())
                    .isInstanceOf(TargetQuarantinedException.class);
        }
        String health = awaitHealth(http, "\"cortex\":{\"status\":\"DOWN\"");
        assertThat(health).contains("\"breaker\":\"OPEN\"", "vendor maintenance (by ops)");
        Thread.sleep(1000); // several more supervision rounds on the health schedule

        assertThat(smtp.getReceivedMessages()).singleElement().satisfies(mail -> {
            assertThat(mail.getSubject()).startsWith("[jmlflow] Target cortex is quarantined: vendor maintenance");
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ops@sandbox.jmlflow.invalid");
        });
        assertThat(tasks.createTaskQuery().taskName("Target cortex is quarantined").taskCandidateGroup(JmlflowGroups.IT_OPS)
                .count()).isEqualTo(1);

        HttpResponse<String> closed = breaker(http, "cortex", "ops", "{\"state\":\"closed\"}");
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(closed.body()).contains("\"state\":\"closed\"");
        assertThat(tasks.createTaskQuery().taskName("Target cortex is quarantined").count()).isZero();
        lookup();
        awaitHealth(http, "\"cortex\":{\"status\":\"UP\"");
    }

    @Test
    void onlyOpsMayChangeABreakerOfAKnownTargetToOpenOrClosed() {
        var http = new AppHttp(port);
        HttpResponse<String> anonymous = http.send(http.request("/api/targets/cortex/breaker")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"open\"}")));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(breaker(http, "cortex", "hr", "{\"state\":\"open\"}").statusCode()).isEqualTo(403);
        assertThat(breaker(http, "nosuchapp", "ops", "{\"state\":\"open\"}").statusCode()).isEqualTo(404);
        HttpResponse<String> bad = breaker(http, "cortex", "ops", "{\"state\":\"half-open\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("state: must be");
        assertThat(targets.get("cortex").breaker().orElseThrow().state().open()).isFalse();
    }

    /** One request to cortex, as any job would send it. */
    private void lookup() {
        targets.get("cortex").api().findUsers(ScimFilter.eq("userName", "nobody@invalid.example"), 1, 1);
    }

    private HttpResponse<String> breaker(AppHttp http, String target, String user, String json) {
        return http.send(http.request("/api/targets/" + target + "/breaker")
                .header("Authorization", AppHttp.basic(user, demoUsers.passwordOf(user)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private String awaitHealth(AppHttp http, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.send(http.request("/actuator/health/targets")
                    .header("Authorization", AppHttp.basic("ops", demoUsers.passwordOf("ops"))).GET()).body();
            if (body.contains(expected)) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("health never showed " + expected + ": " + body);
    }
}
