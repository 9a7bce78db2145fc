package dev.jmlflow.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A reverse proxy on 127.0.0.1 that adds a fixed delay to every call (a SaaS round trip) before passing it to a
 * SCIM server, and counts the calls by kind ({@code PATCH /Groups/{id}}, {@code GET /Users?filter}, ...). The
 * health canary's lookups of a user that cannot exist are counted apart as {@link #PROBE}, so they never inflate a
 * joiner's figure.
 */
final class DelayingProxy implements AutoCloseable {

    static final String PROBE = "probe (health canary)";
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "keep-alive", "expect", "date");

    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "bench-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient backend = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String backendOrigin;
    private final long delayNanos;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    DelayingProxy(String backendOrigin, Duration delay) {
        this.backendOrigin = backendOrigin;
        this.delayNanos = delay.toNanos();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::forward);
        server.setExecutor(workers);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}: the same paths as the backend's. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Calls so far by kind, probes included. */
    Map<String, Long> calls() {
        Map<String, Long> copy = new TreeMap<>();
        calls.forEach((kind, count) -> copy.put(kind, count.sum()));
        return copy;
    }

    /** Calls so far, without the health probes. */
    long work() {
        return calls.entrySet().stream().filter(e -> !e.getKey().equals(PROBE)).mapToLong(e -> e.getValue().sum()).sum();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.computeIfAbsent(kind(exchange.getRequestMethod(), exchange.getRequestURI()), k -> new LongAdder()).increment();
            byte[] body = exchange.getRequestBody().readAllBytes();
            sleep();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backendOrigin + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = backend.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    private void sleep() {
        long until = System.nanoTime() + delayNanos;
        try {
            for (long left = delayNanos; left > 0; left = until - System.nanoTime()) {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code GET /Users/{id}}, {@code GET /Groups?filter}, ...: the path after {@code /v2}, ids folded. */
    static String kind(String method, URI uri) {
        String path = uri.getRawPath();
        int v2 = path.indexOf("/v2/");
        String[] parts = (v2 < 0 ? path : path.substring(v2 + 3)).split("/");
        String resource = parts.length > 1 ? "/" + parts[1] + (parts.length > 2 ? "/{id}" : "") : path;
        String query = uri.getRawQuery();
        if (query == null) {
            return method + " " + resource;
        }
        String decoded = URLDecoder.decode(query, StandardCharsets.UTF_8);
        if (decoded.contains("@invalid.example")) {
            return PROBE;
        }
        return method + " " + resource + (decoded.contains("filter=") ? "?filter" : "?" + decoded.split("=")[0]);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
