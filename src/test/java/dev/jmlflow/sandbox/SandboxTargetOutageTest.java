package dev.jmlflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;

import dev.jmlflow.sandbox.scimserver.SandboxScimServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** A sandbox target that stops answering turns its health component DOWN; the app itself keeps running. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.deployment-resource-pattern=classpath*:no-deployment-in-this-test/*.bpmn",
    "camunda.bpm.job-execution.enabled=false",
    "jmlflow.health.target-check-interval=200ms"
})
@DirtiesContext // stops the sandbox server of this context
class SandboxTargetOutageTest {

    @LocalServerPort
    int port;
    @Autowired
    SandboxScimServer sandbox;
    @Autowired
    SandboxCredentials demoUsers;

    @Test
    void stoppedSandboxTargetsTurnDownAndTheAppKeepsRunning() throws InterruptedException {
        var http = new AppHttp(port);
        String ops = demoUsers.passwordOf("ops");
        awaitTargets(http, ops, "\"cortex\":{\"status\":\"UP\"");

        sandbox.stop();

        // each target is checked on its own schedule, so wait until both have noticed
        String health = awaitTargets(http, ops, "\"cortex\":{\"status\":\"DOWN\"", "\"coralogix\":{\"status\":\"DOWN\"");
        assertThat(health).contains("\"error\"");
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(http.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
    }

    private static String awaitTargets(AppHttp http, String opsPassword, String... expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.get("/actuator/health/targets", "ops", opsPassword).body();
            String current = body;
            if (Arrays.stream(expected).allMatch(current::contains)) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("health never showed " + String.join(" and ", expected) + ": " + body);
    }
}
