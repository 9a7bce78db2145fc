package dev.jmlflow.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Real HTTP calls to Camunda's REST API of a running test app, as a given user (or anonymously). */
final class EngineRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    EngineRest(int port) {
        this.baseUrl = "http://127.0.0.1:" + port + "/engine-rest";
    }

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Reply get(Credentials as, String path) {
        return send(as, HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply post(Credentials as, String path, String json) {
        return send(as, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json)));
    }

    Reply put(Credentials as, String path, String json) {
        return send(as, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(json)));
    }

    /** {@code POST /deployment/create} with one BPMN file, as the Modeler or a CI deployer would. */
    Reply deploy(Credentials as, String resourceName, String bpmn) {
        String boundary = "----jmlflow" + UUID.randomUUID();
        String body = part(boundary, "deployment-name", null, "security-test")
                + part(boundary, "data", resourceName, bpmn)
                + "--" + boundary + "--\r\n";
        BodyPublisher publisher = BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        return send(as, HttpRequest.newBuilder(uri("/deployment/create"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(publisher));
    }

    private static String part(String boundary, String name, String fileName, String content) {
        return "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
                + (fileName == null ? "" : "Content-Type: application/octet-stream\r\n")
                + "\r\n" + content + "\r\n";
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private Reply send(Credentials as, HttpRequest.Builder request) {
        if (as != null) {
            String token = Base64.getEncoder()
                    .encodeToString((as.user() + ":" + as.password()).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Credentials(String user, String password) {
    }
}
