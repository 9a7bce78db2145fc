package dev.jmlflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Mails go through a real SMTP server (GreenMail) and recipients come from a real Camunda identity service. */
@ExtendWith(OutputCaptureExtension.class)
class NotificationServiceTest {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private static ProcessEngine engine;

    @BeforeAll
    static void startEngineWithUsers() {
        engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                .setProcessEngineName("notification-test")
                .setJdbcUrl("jdbc:h2:mem:notification-test;DB_CLOSE_DELAY=-1")
                .setHistory(ProcessEngineConfiguration.HISTORY_NONE)
                .buildProcessEngine();
        IdentityService identity = engine.getIdentityService();
        user(identity, "mia", "mia.manager@example.com");
        user(identity, "noah", "noah.manager@example.com");
        user(identity, "nomail", null);
        identity.saveGroup(identity.newGroup("managers"));
        identity.createMembership("mia", "managers");
        identity.createMembership("noah", "managers");
        identity.createMembership("nomail", "managers");
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void mailReachesTheUserWithTheSubject() throws Exception {
        service(smtpSender()).notify(Recipients.users("mia"), "Access for Ada Lovelace", "Please review.", Optional.empty());

        MimeMessage mail = onlyMail();
        assertThat(addresses(mail.getAllRecipients())).containsExactly("mia.manager@example.com");
        assertThat(mail.getSubject()).isEqualTo("Access for Ada Lovelace");
    }

    @Test
    void taskMailLinksToThatTaskInTasklist() throws Exception {
        Task task = engine.getTaskService().newTask();
        task.setName("Approve access");
        engine.getTaskService().saveTask(task);

        service(smtpSender()).taskWaiting(Recipients.users("mia"), task.getId(), "Approve access", "joiner E1001");

        String link = "https://jml.example.com/camunda/app/tasklist/default/#/?task=" + task.getId();
        MimeMessage mail = onlyMail();
        assertThat(part(mail, "text/plain")).contains(link);
        assertThat(part(mail, "text/html")).contains("<a href=\"" + link + "\">");
    }

    @Test
    void everyMailLinksToTheRequestView() throws Exception {
        service(smtpSender()).notify(Recipients.users("mia"), "Access rejected", "Rejected.", Optional.empty());

        MimeMessage mail = onlyMail();
        assertThat(part(mail, "text/plain")).contains("What happened to the request: https://jml.example.com/requests");
        assertThat(part(mail, "text/html")).contains("<a href=\"https://jml.example.com/requests\">");
    }

    @Test
    void mailIsPlainTextWithAnHtmlAlternative() throws Exception {
        service(smtpSender()).notify(Recipients.users("mia"), "Subject", "Line <one>\n\nLine two", Optional.empty());

        MimeMessage mail = onlyMail();
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        assertThat(part(mail, "text/plain")).contains("Line <one>");
        assertThat(part(mail, "text/html")).contains("<p>Line &lt;one&gt;</p>").contains("<p>Line two</p>");
    }

    @Test
    void groupIsResolvedToTheEmailsOfItsMembers() throws Exception {
        service(smtpSender()).notify(Recipients.groups("managers"), "For all managers", "Text", Optional.empty());

        assertThat(smtp.getReceivedMessages()).hasSize(2); // one copy per mailbox, same message
        assertThat(addresses(smtp.getReceivedMessages()[0].getAllRecipients()))
                .containsExactly("mia.manager@example.com", "noah.manager@example.com");
    }

    @Test
    void withoutSmtpMailIsLoggedByRecipientAndSubjectOnly(CapturedOutput output) {
        service(null).notify(Recipients.users("mia"), "Access for Ada Lovelace", "SECRET-BODY-TEXT", Optional.of("task-1"));

        assertThat(output).contains("mia.manager@example.com").contains("Access for Ada Lovelace")
                .doesNotContain("SECRET-BODY-TEXT").doesNotContain("task-1");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    private static NotificationService service(JavaMailSender sender) {
        var beans = new StaticListableBeanFactory();
        if (sender != null) {
            beans.addBean("mailSender", sender);
        }
        var links = new TasklistLinks(new NotificationProperties(URI.create("https://jml.example.com/")), "/camunda");
        return new NotificationService(new RecipientResolver(engine.getIdentityService()), links,
                beans.getBeanProvider(JavaMailSender.class));
    }

    private static JavaMailSender smtpSender() {
        var sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
        sender.getJavaMailProperties().setProperty("mail.from", "jmlflow@example.com");
        return sender;
    }

    private static MimeMessage onlyMail() {
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        return smtp.getReceivedMessages()[0];
    }

    private static String part(MimeMessage mail, String type) throws Exception {
        MimeMultipart alternative = (MimeMultipart) mail.getContent();
        for (int i = 0; i < alternative.getCount(); i++) {
            BodyPart part = alternative.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static String[] addresses(Address[] addresses) {
        return java.util.Arrays.stream(addresses).map(Address::toString).toArray(String[]::new);
    }

    private static void user(IdentityService identity, String id, String email) {
        var user = identity.newUser(id);
        user.setEmail(email);
        user.setPassword("irrelevant-" + id);
        identity.saveUser(user);
    }
}
