package dev.jmlflow.requests;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import dev.jmlflow.security.BasicAuthentication.Caller;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /requests}: "what happened to my request?" for HR and ops. The list of requests with where each
 * stands, one request's evidence per app ({@code /requests/{id}}), and both as CSV ({@code /requests.csv},
 * {@code /requests/{id}.csv}). Logged in with the Camunda webapp session (Tasklist's) or HTTP Basic; who sees what
 * is {@link RequestVisibility}'s. A request the viewer may not see answers 404, as one that does not exist.
 */
@RestController
class RequestsPage {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final Viewers viewers;
    private final Requests requests;

    RequestsPage(Viewers viewers, Requests requests) {
        this.viewers = viewers;
        this.requests = requests;
    }

    @GetMapping(value = "/requests", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> list(HttpServletRequest http) {
        return asViewer(http, viewer -> html(HttpStatus.OK, RequestsHtml.list(viewer, requests.list(viewer))));
    }

    @GetMapping("/requests.csv")
    ResponseEntity<String> listCsv(HttpServletRequest http) {
        return asViewer(http, viewer -> csv("requests.csv", RequestsCsv.list(requests.list(viewer))));
    }

    @GetMapping(value = "/requests/{id}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> detail(HttpServletRequest http, @PathVariable String id) {
        return asViewer(http, viewer -> requests.find(viewer, id)
                .map(detail -> html(HttpStatus.OK, RequestsHtml.detail(detail)))
                .orElseGet(() -> html(HttpStatus.NOT_FOUND, RequestsHtml.notFound())));
    }

    @GetMapping("/requests/{id}.csv")
    ResponseEntity<String> detailCsv(HttpServletRequest http, @PathVariable String id) {
        return asViewer(http, viewer -> requests.find(viewer, id)
                .map(detail -> csv("request-" + detail.summary().employeeId() + ".csv", RequestsCsv.detail(detail)))
                .orElseGet(() -> html(HttpStatus.NOT_FOUND, RequestsHtml.notFound())));
    }

    private ResponseEntity<String> asViewer(HttpServletRequest http, Function<Caller, ResponseEntity<String>> page) {
        Optional<Caller> viewer = viewers.of(http);
        return viewer.map(page).orElseGet(() -> html(HttpStatus.UNAUTHORIZED, RequestsHtml.logInFirst()));
    }

    private static ResponseEntity<String> html(HttpStatus status, String page) {
        return secured(ResponseEntity.status(status).contentType(HTML)).body(page);
    }

    private static ResponseEntity<String> csv(String fileName, String body) {
        return secured(ResponseEntity.ok().contentType(CSV).header("Content-Disposition",
                ContentDisposition.attachment().filename(fileName.replaceAll("[^A-Za-z0-9._-]", "_")).build().toString()))
                .body(body);
    }

    private static ResponseEntity.BodyBuilder secured(ResponseEntity.BodyBuilder response) {
        return response.cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff");
    }
}
