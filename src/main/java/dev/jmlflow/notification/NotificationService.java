package dev.jmlflow.notification;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.SortedSet;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends mail to Camunda users and groups: plain text plus HTML, with a direct Tasklist link when a task is
 * involved, and in every mail a link to the request view, where the reader finds what happened to the request.
 * Configured only by {@code spring.mail.*}; the sender address is JavaMail's {@code mail.from}
 * ({@code spring.mail.properties.mail.from}). Without {@code spring.mail.host} Spring Boot creates no mail sender,
 * and mails are only logged by recipient and subject, so a sandbox or a test run never needs SMTP.
 * A failed send throws, so that the calling job is retried by Camunda.
 */
@Service
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

    private final RecipientResolver resolver;
    private final TasklistLinks links;
    private final JavaMailSender mailSender;

    public NotificationService(RecipientResolver resolver, TasklistLinks links, ObjectProvider<JavaMailSender> mailSender) {
        this.resolver = resolver;
        this.links = links;
        this.mailSender = mailSender.getIfAvailable();
    }

    /**
     * Sends one mail to everyone in {@code recipients} who has an email address; with a task id, the mail ends
     * with a link that opens that task in Tasklist.
     */
    public void notify(Recipients recipients, String subject, String text, Optional<String> taskId) {
        SortedSet<String> to = resolver.emails(recipients);
        String cleanSubject = subject.replaceAll("[\\r\\n]+", " ").strip();
        if (to.isEmpty()) {
            log.warn("No email address for {}; mail '{}' not sent", recipients, cleanSubject);
            return;
        }
        if (mailSender == null) {
            log.info("Mail (not sent, spring.mail.host is not set) to {}: {}", String.join(", ", to), cleanSubject);
            return;
        }
        Optional<String> link = taskId.map(links::task);
        mailSender.send(message(to, cleanSubject, plain(text, link, links.requests()), html(text, link, links.requests())));
        log.info("Mail sent to {}: {}", String.join(", ", to), cleanSubject);
    }

    /** A task is waiting for the recipients (an approval, a failure to look at). */
    public void taskWaiting(Recipients recipients, String taskId, String taskName, String request) {
        notify(recipients, "[jmlflow] " + taskName + ": " + request,
                "A task is waiting for you in Camunda Tasklist.\n\nTask: " + taskName + "\nRequest: " + request,
                Optional.of(taskId));
    }

    /** A request ended without doing what was asked; the text says what happened and what was undone. */
    public void requestFailed(Recipients recipients, String request, String whatHappened) {
        notify(recipients, "[jmlflow] Request failed: " + request,
                "The request " + request + " could not be completed.\n\n" + whatHappened, Optional.empty());
    }

    private MimeMessage message(SortedSet<String> to, String subject, String plain, String html) {
        MimeMessage message = mailSender.createMimeMessage();
        try {
            message.setFrom(); // JavaMail's mail.from, else user@host
            message.setRecipients(MimeMessage.RecipientType.TO, to.stream()
                    .map(NotificationService::address).toArray(InternetAddress[]::new));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(part(plain, "plain")); // least preferred first (RFC 2046 5.1.4)
            alternative.addBodyPart(part(html, "html"));
            message.setContent(alternative);
            return message;
        } catch (MessagingException e) {
            throw new MailPreparationException("Could not build mail '" + subject + "'", e);
        }
    }

    private static InternetAddress address(String email) {
        try {
            return new InternetAddress(email, true);
        } catch (MessagingException e) {
            throw new MailPreparationException("Invalid email address in Camunda identity: " + email, e);
        }
    }

    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, StandardCharsets.UTF_8.name(), subtype);
        return part;
    }

    private static String plain(String text, Optional<String> link, String requests) {
        return text + link.map(url -> "\n\nOpen the task: " + url).orElse("")
                + "\n\nWhat happened to the request: " + requests + "\n";
    }

    private static String html(String text, Optional<String> link, String requests) {
        String paragraphs = Arrays.stream(text.split("\\R{2,}"))
                .map(p -> "<p>" + HtmlUtils.htmlEscape(p).replaceAll("\\R", "<br>") + "</p>")
                .collect(Collectors.joining("\n"));
        String button = link.map(url -> "\n<p><a href=\"" + HtmlUtils.htmlEscape(url) + "\">Open the task in Tasklist</a></p>")
                .orElse("");
        String view = "\n<p><a href=\"" + HtmlUtils.htmlEscape(requests) + "\">What happened to the request</a></p>";
        return "<!DOCTYPE html>\n<html><body style=\"font-family:sans-serif\">\n" + paragraphs + button + view
                + "\n</body></html>\n";
    }
}
