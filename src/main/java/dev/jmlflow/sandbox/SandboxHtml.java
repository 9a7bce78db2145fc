package dev.jmlflow.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * What the sandbox pages share: the session rule (anyone logged in to the Camunda webapps, the same session as
 * Tasklist), the page frame with its SANDBOX banner, a strict CSP (no script at all) and HTML escaping.
 */
final class SandboxHtml {

    private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:70em}"
            + "table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}"
            + "pre{white-space:pre-wrap;margin:0}"
            + ".banner{background:#b00020;color:#fff;padding:.5em 1em;font-weight:bold}.muted{color:#666}";

    private SandboxHtml() {
    }

    /**
     * The page for the Camunda webapp user of this request's session, its body made for that user id; without such
     * a session a 401 page that asks to log in to Tasklist first.
     */
    static ResponseEntity<String> forLoggedInUser(HttpServletRequest request, String title, Function<String, String> body) {
        return loggedInUser(request.getSession(false)).map(user -> page(HttpStatus.OK, title, body.apply(user)))
                .orElseGet(() -> page(HttpStatus.UNAUTHORIZED, title,
                        "<p>Log in to <a href=\"/camunda/app/tasklist/\">Tasklist</a> first, then reload this page.</p>"));
    }

    private static Optional<String> loggedInUser(HttpSession session) {
        if (session == null) {
            return Optional.empty();
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        return authentications == null ? Optional.empty()
                : authentications.getAuthentications().stream().map(UserAuthentication::getIdentityId).findFirst();
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        String page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>SANDBOX - " + escape(title)
                + "</title><style>" + STYLE + "</style></head><body><div class=\"banner\">SANDBOX: these are the in-app "
                + "SCIM apps and mail server, not real ones</div><h1>" + escape(title) + "</h1>" + body + "</body></html>";
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff")
                .body(page);
    }

    /** Escapes markup only; the pages are UTF-8, so names such as Zoë stay readable in the source too. */
    static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }
}
