package dev.jmlflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The app's HTTP API (engine-rest, actuator) as one Camunda user, with HTTP Basic; any non-2xx answer throws. */
public final class AppRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String origin;
    private final String authorization;

    AppRest(String origin, String user, String password) {
        this.origin = origin;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public JsonNode get(String path) {
        return send(request(path).GET(), path);
    }

    public JsonNode post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)), path);
    }

    public JsonNode put(String path, String json) {
        return send(json.isEmpty() ? request(path).PUT(HttpRequest.BodyPublishers.noBody())
                : request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)), path);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(origin + path)).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(60));
    }

    private static JsonNode send(HttpRequest.Builder request, String path) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
