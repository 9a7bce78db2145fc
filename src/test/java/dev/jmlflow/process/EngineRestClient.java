package dev.jmlflow.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BooleanSupplier;

/** Camunda's {@code /engine-rest} as one logged-in user sees it (HTTP Basic), for the full-stack journeys. */
public final class EngineRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;

    public EngineRestClient(int port, String user, String password) {
        this.base = "http://127.0.0.1:" + port + "/engine-rest";
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> start(String processKey, String businessKey, String variablesJson) {
        return post("/process-definition/key/" + processKey + "/start",
                "{\"businessKey\": \"" + businessKey + "\", \"variables\": " + variablesJson + "}");
    }

    /** The id of the one open task with this definition key for the business key, as this user sees it. */
    public String taskId(String businessKey, String taskDefinitionKey) {
        JsonNode tasks = get("/task?processInstanceBusinessKey=" + encode(businessKey) + "&taskDefinitionKey=" + encode(taskDefinitionKey));
        if (tasks.size() != 1) {
            throw new AssertionError("expected one open " + taskDefinitionKey + " task for " + businessKey + ", found " + tasks);
        }
        return tasks.get(0).path("id").asText();
    }

    public HttpResponse<String> complete(String taskId, String variablesJson) {
        return post("/task/" + taskId + "/complete", "{\"variables\": " + variablesJson + "}");
    }

    public JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> post(String path, String json) {
        try {
            return http.send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization).timeout(Duration.ofSeconds(120));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Waits (up to two minutes, for the job executor) until the condition holds. */
    public static void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited 120 s, but never: " + what);
            }
            Thread.sleep(250);
        }
    }
}
