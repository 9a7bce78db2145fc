package dev.jmlflow.testpeers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plain {@link HttpClient} calls to a peer, independent of jmlflow's own SCIM client, for tests that check the
 * peers themselves (and for seeding).
 */
public final class PeerHttp {

    public static final String SCIM_JSON = "application/scim+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private final String baseUrl;
    private final String authorization;

    public PeerHttp(ScimPeer peer) {
        this(peer.baseUrl(), "Bearer " + peer.token());
    }

    /** For a server that is no {@link ScimPeer}, e.g. one tenant of several. */
    public static PeerHttp to(String baseUrl, String token) {
        return new PeerHttp(baseUrl, "Bearer " + token);
    }

    private PeerHttp(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    /** The same peer, asked with another Authorization header value ({@code null} for none). */
    public PeerHttp withAuthorization(String authorization) {
        return new PeerHttp(baseUrl, authorization);
    }

    public record Response(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            if (body.isEmpty()) {
                return MissingNode.getInstance();
            }
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, Object body) {
        return send(path, "POST", body, SCIM_JSON);
    }

    public Response put(String path, Object body) {
        return send(path, "PUT", body, SCIM_JSON);
    }

    public Response patch(String path, Object body) {
        return send(path, "PATCH", body, SCIM_JSON);
    }

    public Response send(String path, String method, Object body, String contentType) {
        try {
            String json = body instanceof String text ? text : JSON.writeValueAsString(body);
            return send(request(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** {@code attribute eq "value"}, URL-encoded, for values without quotes or backslashes. */
    public static String filterEq(String attribute, String value) {
        if (value.contains("\"") || value.contains("\\")) {
            throw new IllegalArgumentException("test filter values stay plain");
        }
        return URLEncoder.encode(attribute + " eq \"" + value + "\"", StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(10))
            .header("Accept", SCIM_JSON);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
