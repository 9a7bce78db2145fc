package dev.jmlflow.sandbox;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A browser-like client of the running app: a cookie jar, Camunda webapp login, HTTP Basic for the actuator and the API. */
public final class AppHttp {

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public AppHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    HttpResponse<String> get(String path, String user, String password) {
        return send(request(path).header("Authorization", basic(user, password)).GET());
    }

    /** A request to a path of the app, for the caller to finish and {@link #send}. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    /** The {@code Authorization} header value for HTTP Basic. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Logs in to the Camunda webapps as Tasklist does (CSRF token from a first GET, then the login form). */
    public HttpResponse<String> loginToTasklist(String user, String password) {
        get("/camunda/app/tasklist/default/");
        String csrf = csrfToken();
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(request("/camunda/api/admin/auth/user/default/login/tasklist")
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /**
     * A JSON POST to the webapps' API with the session and its CSRF token, as Tasklist sends it. The GET first
     * fetches the token of the session that the login began.
     */
    public HttpResponse<String> postAsWebapp(String path, String json) {
        get("/camunda/api/engine/engine/");
        return send(request(path).header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private String csrfToken() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElse("");
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
