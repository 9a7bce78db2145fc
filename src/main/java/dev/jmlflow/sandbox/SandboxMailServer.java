package dev.jmlflow.sandbox;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The sandbox's SMTP server (GreenMail) on 127.0.0.1: it accepts every mail the app sends and keeps it in memory,
 * so {@code /sandbox/mail} can show it. It relays nothing, so a sandbox never mails a real person.
 */
final class SandboxMailServer implements AutoCloseable {

    private final GreenMail greenMail;

    private SandboxMailServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** Starts on the given port, or on a free one for 0. */
    static SandboxMailServer start(int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail greenMail = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
        greenMail.start();
        return new SandboxMailServer(greenMail);
    }

    int port() {
        return greenMail.getSmtp().getPort();
    }

    /**
     * Every mail received, newest first. GreenMail keeps one copy per recipient; a mail to three people is one
     * mail here (by its Message-ID).
     */
    List<CaughtMail> mails() {
        Map<String, CaughtMail> byMessageId = new LinkedHashMap<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                byMessageId.putIfAbsent(Optional.ofNullable(message.getMessageID()).orElse(String.valueOf(byMessageId.size())),
                        caught(message));
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("Could not read a mail the sandbox caught", e);
            }
        }
        return byMessageId.values().stream().sorted(Comparator.comparing(CaughtMail::sent).reversed()).toList();
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    private static CaughtMail caught(MimeMessage message) throws MessagingException, IOException {
        List<String> to = Arrays.stream(Optional.ofNullable(message.getRecipients(Message.RecipientType.TO)).orElse(new Address[0]))
                .map(Address::toString).toList();
        Instant sent = Optional.ofNullable(message.getSentDate()).map(date -> date.toInstant()).orElse(Instant.EPOCH);
        return new CaughtMail(to, Optional.ofNullable(message.getSubject()).orElse(""), sent,
                plainText(message).orElse("(no plain-text part)"));
    }

    /** The text/plain part: the mails are multipart/alternative with a plain and an HTML part. */
    private static Optional<String> plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return Optional.of(part.getContent().toString());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Optional<String> text = plainText(child);
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return Optional.empty();
    }

    /** One mail as a person reads it. */
    record CaughtMail(List<String> to, String subject, Instant sent, String body) {
    }
}
