package dev.jmlflow.sandbox;

import static dev.jmlflow.sandbox.SandboxHtml.escape;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import dev.jmlflow.sandbox.scimserver.SandboxScimServer;
import dev.jmlflow.sandbox.scimserver.SandboxTenant;
import dev.jmlflow.sandbox.scimserver.StoredGroup;
import dev.jmlflow.sandbox.scimserver.StoredUser;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /sandbox}: what the sandbox apps hold right now, so a person can see what a request did. Read-only,
 * for anyone logged in to the Camunda webapps (the same session as Tasklist). Tokens are never shown.
 */
@RestController
@Conditional(SandboxActive.class)
class SandboxPage {

    private final SandboxScimServer server;

    SandboxPage(SandboxScimServer server) {
        this.server = server;
    }

    @GetMapping(value = "/sandbox", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(HttpServletRequest request) {
        return SandboxHtml.forLoggedInUser(request, "jmlflow sandbox", user -> {
            StringBuilder body = new StringBuilder("<p class=\"muted\">Logged in as ").append(escape(user))
                    .append(". Read-only; <a href=\"/sandbox\">reload</a> to see the effect of a request. The mails the "
                            + "app sent: <a href=\"/sandbox/mail\">sandbox mail</a>.</p>");
            server.tenants().forEach(tenant -> body.append(tenant(tenant)));
            return body.toString();
        });
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
                    .sorted().map(SandboxHtml::escape).collect(Collectors.joining(", "));
            html.append("<tr><td>").append(escape(group.displayName())).append("</td><td>")
                    .append(members.isEmpty() ? "<span class=\"muted\">no members</span>" : members).append("</td></tr>");
        }
        return html.append("</table>").toString();
    }
}
