package dev.jmlflow.requests;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.jmlflow.security.BasicAuthentication.Caller;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/** The request view's pages. Every value from a form, a user or an app is escaped; no token is ever on them. */
final class RequestsHtml {

    private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:80em}"
            + "table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:.3em .6em;"
            + "text-align:left;vertical-align:top}.muted{color:#666}.state{font-weight:bold}";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private RequestsHtml() {
    }

    static String list(Caller viewer, List<RequestSummary> requests) {
        StringBuilder body = new StringBuilder("<h1>Requests</h1><p class=\"muted\">Logged in as ")
                .append(escape(viewer.userId())).append(". ")
                .append(RequestVisibility.seesAll(viewer) ? "You see every request."
                        : "You see the requests you started and the ones you approve.")
                .append(" <a href=\"camunda/app/tasklist/\">Tasklist</a> &middot; <a href=\"requests.csv\">CSV</a></p>");
        if (requests.isEmpty()) {
            return page("Requests", body.append("<p>No requests yet.</p>").toString());
        }
        body.append("<table id=\"requests\"><tr><th>request</th><th>employee</th><th>state</th><th>requested by</th>"
                + "<th>started</th><th>ended</th></tr>");
        requests.forEach(request -> body.append("<tr><td><a href=\"requests/").append(escape(path(request.id())))
                .append("\">").append(escape(request.process())).append(' ').append(escape(request.employeeId()))
                .append("</a></td><td>").append(escape(request.employee())).append("</td><td class=\"state\">")
                .append(escape(request.state())).append("</td><td>").append(escape(request.requester()))
                .append("</td><td>").append(time(request.started())).append("</td><td>").append(time(request.ended()))
                .append("</td></tr>"));
        return page("Requests", body.append("</table>").toString());
    }

    static String detail(Requests.Detail detail) {
        RequestSummary request = detail.summary();
        String title = request.process() + " " + request.employeeId() + " " + request.employee();
        StringBuilder body = new StringBuilder("<p><a href=\"../requests\">All requests</a> &middot; <a href=\"")
                .append(escape(path(request.id()))).append(".csv\">Download the evidence (CSV)</a></p><h1>")
                .append(escape(title.strip())).append("</h1><p>State: <span class=\"state\" id=\"state\">")
                .append(escape(request.state())).append("</span></p><p>Requested by ").append(escape(request.requester()))
                .append(" on ").append(time(request.started())).append(request.ended() == null ? ""
                        : "; ended " + time(request.ended())).append("</p>");
        Map<String, List<Evidence>> byApp = new LinkedHashMap<>();
        detail.evidence().forEach(line -> byApp.computeIfAbsent(line.app(), app -> new java.util.ArrayList<>()).add(line));
        byApp.forEach((app, lines) -> body.append("<h2>").append(app.isEmpty() ? "Request and approvals"
                : "App " + escape(app)).append("</h2>").append(table(lines)));
        if (byApp.keySet().stream().allMatch(String::isEmpty)) {
            body.append("<p class=\"muted\">No app has been changed yet.</p>");
        }
        return page(title, body.toString());
    }

    static String notFound() {
        return page("Not found", "<h1>No such request</h1><p>It does not exist, or it is not one you may see. "
                + "<a href=\"/requests\">All your requests</a></p>");
    }

    static String logInFirst() {
        return page("Log in", "<h1>Requests</h1><p>Log in to <a href=\"/camunda/app/tasklist/\">Tasklist</a> first, "
                + "then reload this page.</p>");
    }

    private static String table(List<Evidence> lines) {
        StringBuilder table = new StringBuilder("<table><tr><th>what</th><th>detail</th><th>result</th><th>by</th>"
                + "<th>started</th><th>ended</th></tr>");
        lines.forEach(line -> table.append("<tr><td>").append(escape(line.step())).append("</td><td>")
                .append(escape(line.detail())).append("</td><td>").append(escape(line.result())).append("</td><td>")
                .append(escape(line.by())).append("</td><td>").append(time(line.started())).append("</td><td>")
                .append(time(line.ended())).append("</td></tr>"));
        return table.append("</table>").toString();
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " - jmlflow</title><style>" + STYLE + "</style></head><body>" + body + "</body></html>";
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    private static String path(String id) {
        return UriUtils.encodePathSegment(id, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
