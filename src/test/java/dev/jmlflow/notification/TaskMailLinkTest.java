package dev.jmlflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.jmlflow.sandbox.SandboxCredentials;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running app, configured only by {@code spring.mail.*} and {@code jmlflow.public-url}, mails a task to a
 * Camunda user through a real SMTP server (GreenMail); the link in the mail reaches this app's Tasklist and names
 * a task the recipient may open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "camunda.bpm.deployment-resource-pattern=classpath*:no-deployment-in-this-test/*.bpmn",
    "camunda.bpm.job-execution.enabled=false",
    "spring.mail.properties.mail.from=jmlflow@example.com"
})
@DirtiesContext // the REST API finds the engine by its name "default" in a JVM-wide registry
class TaskMailLinkTest {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withPerMethodLifecycle(false); // running before the Spring context is built, which needs its port

    private static final int PORT = freePort();

    @DynamicPropertySource
    static void mailAndAddress(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("jmlflow.public-url", () -> "http://127.0.0.1:" + PORT);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @Autowired
    NotificationService notifications;
    @Autowired
    TaskService taskService;
    @Autowired
    SandboxCredentials demoUsers;

    @Test
    void taskMailReachesTheRecipientWithAWorkingTasklistLink() throws Exception {
        Task task = taskService.newTask();
        task.setName("Approve access for Ada Lovelace");
        taskService.saveTask(task);
        taskService.addCandidateUser(task.getId(), "manager1");

        notifications.taskWaiting(Recipients.users("manager1"), task.getId(), "Approve access", "joiner E1001 Ada Lovelace");

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        var mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("manager1@sandbox.jmlflow.invalid");
        assertThat(mail.getSubject()).isEqualTo("[jmlflow] Approve access: joiner E1001 Ada Lovelace");
        Matcher link = Pattern.compile("(http://127\\.0\\.0\\.1:" + PORT + "/camunda/app/tasklist/default/)#/\\?task=([\\w-]+)")
                .matcher(GreenMailUtil.getBody(mail));
        assertThat(link.find()).as("Tasklist link in the mail").isTrue();
        assertThat(link.group(2)).isEqualTo(task.getId());

        String password = demoUsers.passwordOf("manager1");
        assertThat(get(link.group(1), null, null).statusCode()).isEqualTo(200);
        assertThat(get("http://127.0.0.1:" + PORT + "/engine-rest/task/" + link.group(2), "manager1", password).statusCode())
                .as("the recipient may open the linked task").isEqualTo(200);
    }

    private static HttpResponse<String> get(String url, String user, String password) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
