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
public final class DelayingProxy implements AutoCloseable {

    /**
     * What the chaos harness does to a call: answer in the backend's place ({@link #instead}), or act once the
     * backend has answered and before that answer goes back ({@link #answered}, e.g. kill the app).
     */
    public interface Fault {

        /** An answer instead of the backend's; {@code null} passes the call on. */
        default Answer instead(String method, URI uri, byte[] body) {
            return null;
        }

        default void answered(String method, URI uri, byte[] body, int status) {
        }
    }

    /**
     * After {@code delay}: pass the call on ({@code status} 0, a slow answer) or answer {@code status} with an
     * optional {@code Retry-After}.
     */
    public record Answer(Duration delay, int status, String retryAfter) {

        public static Answer slow(Duration delay) {
            return new Answer(delay, 0, null);
        }
    }

    private static final Fault NONE = new Fault() {
    };

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
    private final LongAdder workNanos = new LongAdder();
    private volatile Fault fault = NONE;

    /** A proxy for the server at {@code backendOrigin} ({@code http://host:port}); started at once. */
    public DelayingProxy(String backendOrigin, Duration delay) {
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
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Calls so far by kind, probes included. */
    public Map<String, Long> calls() {
        Map<String, Long> copy = new TreeMap<>();
        calls.forEach((kind, count) -> copy.put(kind, count.sum()));
        return copy;
    }

    /** From now on every call goes through this fault; {@code null} heals the proxy. */
    public void fault(Fault fault) {
        this.fault = fault == null ? NONE : fault;
    }

    /** Calls so far, without the health probes. */
    long work() {
        return calls.entrySet().stream().filter(e -> !e.getKey().equals(PROBE)).mapToLong(e -> e.getValue().sum()).sum();
    }

    /**
     * Time the calls so far (without the health probes) took here, from the request's arrival to the answer's last
     * byte, summed: what a client waits for, less its own connection and JSON work.
     */
    long workNanos() {
        return workNanos.sum();
    }

    private void forward(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        String kind = null;
        try (exchange) {
            kind = kind(exchange.getRequestMethod(), exchange.getRequestURI());
            relay(exchange, kind);
        } finally {
            // timed after the close, which sends the answer's last byte
            if (kind != null && !kind.equals(PROBE)) {
                workNanos.add(System.nanoTime() - arrived);
            }
        }
    }

    private void relay(HttpExchange exchange, String kind) throws IOException {
        calls.computeIfAbsent(kind, k -> new LongAdder()).increment();
        byte[] body = exchange.getRequestBody().readAllBytes();
        sleep(delayNanos);
        Fault current = fault;
        Answer answer = current.instead(exchange.getRequestMethod(), exchange.getRequestURI(), body);
        if (answer != null) {
            sleep(answer.delay().toNanos());
            if (answer.status() != 0) {
                if (answer.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
                }
                exchange.sendResponseHeaders(answer.status(), -1);
                return;
            }
        }
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
        current.answered(exchange.getRequestMethod(), exchange.getRequestURI(), body, response.statusCode());
        byte[] content = response.body();
        exchange.sendResponseHeaders(response.statusCode(), content.length == 0 ? -1 : content.length);
        if (content.length > 0) {
            exchange.getResponseBody().write(content);
        }
    }

    private static void sleep(long nanos) {
        long until = System.nanoTime() + nanos;
        try {
            for (long left = nanos; left > 0; left = until - System.nanoTime()) {
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
