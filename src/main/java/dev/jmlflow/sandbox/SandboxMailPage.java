package dev.jmlflow.sandbox;

import static dev.jmlflow.sandbox.SandboxHtml.escape;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import dev.jmlflow.sandbox.SandboxMailServer.CaughtMail;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /sandbox/mail}: every mail the app sent, as caught by the {@link SandboxMailServer}, newest first, so
 * a newcomer sees the approval, reminder, rejection and "access ready" mails. Same session rule as
 * {@link SandboxPage}; everything a mail says is escaped.
 */
@RestController
@Conditional(SandboxMailActive.class)
class SandboxMailPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final SandboxMailServer server;

    SandboxMailPage(SandboxMailServer server) {
        this.server = server;
    }

    @GetMapping(value = "/sandbox/mail", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(HttpServletRequest request) {
        return SandboxHtml.forLoggedInUser(request, "jmlflow sandbox mail", user -> {
            List<CaughtMail> mails = server.mails();
            StringBuilder body = new StringBuilder("<p class=\"muted\">Logged in as ").append(escape(user))
                    .append(". The mails jmlflow sent, caught by the sandbox's SMTP server (127.0.0.1:").append(server.port())
                    .append("); nothing leaves this machine. <a href=\"/sandbox/mail\">Reload</a> for new ones; accounts "
                            + "and groups: <a href=\"/sandbox\">sandbox</a>.</p>")
                    .append("<h2>Mails (").append(mails.size()).append(")</h2>");
            if (mails.isEmpty()) {
                return body.append("<p class=\"muted\">none yet</p>").toString();
            }
            body.append("<table><tr><th>time</th><th>to</th><th>subject</th><th>text</th></tr>");
            mails.forEach(mail -> body.append("<tr class=\"mail\"><td>").append(TIME.format(mail.sent()))
                    .append("</td><td>").append(escape(String.join(", ", mail.to())))
                    .append("</td><td>").append(escape(mail.subject()))
                    .append("</td><td><pre>").append(escape(mail.body().strip())).append("</pre></td></tr>"));
            return body.append("</table>").toString();
        });
    }
}
