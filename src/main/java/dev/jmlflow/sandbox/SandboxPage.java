package dev.jmlflow.sandbox;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import dev.jmlflow.sandbox.scimserver.SandboxScimServer;
import dev.jmlflow.sandbox.scimserver.SandboxTenant;
import dev.jmlflow.sandbox.scimserver.StoredGroup;
import dev.jmlflow.sandbox.scimserver.StoredUser;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /sandbox}: what the sandbox apps hold right now, so a person can see what a request did. Read-only,
 * for anyone logged in to the Camunda webapps (the same session as Tasklist). Tokens are never shown.
 */
@RestController
@Conditional(SandboxActive.class)
class SandboxPage {

    private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:70em}"
            + "table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}"
            + ".banner{background:#b00020;color:#fff;padding:.5em 1em;font-weight:bold}.muted{color:#666}";

    private final SandboxScimServer server;

    SandboxPage(SandboxScimServer server) {
        this.server = server;
    }

    @GetMapping(value = "/sandbox", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(HttpServletRequest request) {
        Optional<String> user = loggedInUser(request.getSession(false));
        if (user.isEmpty()) {
            return html(HttpStatus.UNAUTHORIZED, "<p>Log in to <a href=\"camunda/app/tasklist/\">Tasklist</a> first, then reload this page.</p>");
        }
        StringBuilder body = new StringBuilder("<p class=\"muted\">Logged in as ").append(escape(user.get()))
                .append(". Read-only; <a href=\"sandbox\">reload</a> to see the effect of a request.</p>");
        server.tenants().forEach(tenant -> body.append(tenant(tenant)));
        return html(HttpStatus.OK, body.toString());
    }

    private String tenant(SandboxTenant tenant) {
        Map<String, StoredUser> usersById = tenant.users().stream().collect(Collectors.toMap(StoredUser::id, Function.identity()));
        StringBuilder html = new StringBuilder("<h2>").append(escape(tenant.name())).append("</h2>")
                .append("<p class=\"muted\">SCIM ").append(escape(server.baseUrl(tenant.name())))
                .append(" &middot; updates by ").append(tenant.profile().patchSupported() ? "PATCH" : "")
                .append(tenant.profile().patchSupported() && tenant.profile().putSupported() ? " and " : "")
                .append(tenant.profile().putSupported() ? "PUT" : "").append("</p>");
        html.append("<h3>Accounts (").append(tenant.users().size()).append(")</h3>");
        if (tenant.users().isEmpty()) {
            html.append("<p class=\"muted\">none yet</p>");
        } else {
            html.append("<table><tr><th>userName</th><th>externalId</th><th>active</th><th>SCIM id</th></tr>");
            tenant.users().forEach(u -> html.append("<tr><td>").append(escape(u.userName())).append("</td><td>")
                    .append(escape(u.externalId())).append("</td><td>").append(u.active() ? "yes" : "<b>no</b>")
                    .append("</td><td class=\"muted\">").append(escape(u.id())).append("</td></tr>"));
            html.append("</table>");
        }
        html.append("<h3>Groups (").append(tenant.groups().size()).append(")</h3>")
                .append("<table><tr><th>group</th><th>members</th></tr>");
        for (StoredGroup group : tenant.groups()) {
            String members = group.memberIds().stream()
                    .map(id -> Optional.ofNullable(usersById.get(id)).map(StoredUser::userName).orElse(id))
                    .sorted().map(SandboxPage::escape).collect(Collectors.joining(", "));
            html.append("<tr><td>").append(escape(group.displayName())).append("</td><td>")
                    .append(members.isEmpty() ? "<span class=\"muted\">no members</span>" : members).append("</td></tr>");
        }
        return html.append("</table>").toString();
    }

    private static Optional<String> loggedInUser(HttpSession session) {
        if (session == null) {
            return Optional.empty();
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        return authentications == null ? Optional.empty()
                : authentications.getAuthentications().stream().map(UserAuthentication::getIdentityId).findFirst();
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        String page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>SANDBOX - jmlflow accounts and groups</title>"
                + "<style>" + STYLE + "</style></head><body><div class=\"banner\">SANDBOX: these are the in-app SCIM apps, not real ones</div>"
                + "<h1>jmlflow sandbox</h1>" + body + "</body></html>";
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff")
                .body(page);
    }

    private static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
