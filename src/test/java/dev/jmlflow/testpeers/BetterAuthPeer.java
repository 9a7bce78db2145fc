package dev.jmlflow.testpeers;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Better Auth's SCIM plugin ({@code src/test/scim-peers/better-auth}) as a test peer: one {@code node} process per
 * JVM, started on first use on a free loopback port and stopped by its PID when the JVM exits.
 * <pre>{@code @RegisterExtension static final BetterAuthPeer peer = BetterAuthPeer.shared();}</pre>
 * The store is shared by every test in the run, so tests use unique names.
 */
public final class BetterAuthPeer implements ScimPeer, BeforeAllCallback {

    private static final Path PROJECT = Path.of(System.getProperty("jmlflow.betterAuthPeer.dir",
        "src/test/scim-peers/better-auth"));
    private static final String NODE = System.getProperty("jmlflow.node", "node");
    private static final Pattern READY = Pattern.compile("SCIM peer ready on (\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int OUTPUT_LINES_KEPT = 50;

    private static BetterAuthPeer shared;

    private final String token = Tokens.random();
    private final Process process;
    private final int port;
    private final Deque<String> output = new ArrayDeque<>();

    private BetterAuthPeer() {
        if (!Files.isDirectory(PROJECT.resolve("node_modules"))) {
            throw new IllegalStateException(PROJECT.toAbsolutePath() + "/node_modules is missing: the Maven build runs "
                + "'npm ci' there in generate-test-resources; run it by hand for an IDE");
        }
        ProcessBuilder builder = new ProcessBuilder(NODE, "server.js", "0")
            .directory(PROJECT.toFile())
            .redirectErrorStream(true);
        builder.environment().put("SCIM_TOKEN", token);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start '" + NODE + "' (is Node.js 20+ installed?)", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "better-auth-peer-stop"));
        port = awaitReadyPort();
        awaitPortOpen();
    }

    /** The one peer of this JVM, started on first call. */
    public static synchronized BetterAuthPeer shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = new BetterAuthPeer();
        }
        return shared;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the Better Auth peer has exited with " + exitValue() + ":\n" + lastOutput());
        }
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/api/auth/scim/v2";
    }

    @Override
    public String token() {
        return token;
    }

    /** Better Auth creates groups over SCIM like any client would; an existing one is looked up instead. */
    @Override
    public String seedGroup(String displayName) {
        PeerHttp http = new PeerHttp(this);
        PeerHttp.Response found = http.get("/Groups?filter=" + PeerHttp.filterEq("displayName", displayName));
        JsonNode resources = found.json().path("Resources");
        if (resources.size() == 1) {
            return resources.get(0).path("id").asText();
        }
        PeerHttp.Response created = http.post("/Groups", Map.of(
            "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"),
            "displayName", displayName));
        if (created.status() != 201) {
            throw new IllegalStateException("cannot create group " + displayName + ": " + created);
        }
        return created.json().path("id").asText();
    }

    public long pid() {
        return process.pid();
    }

    private int awaitReadyPort() {
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(ready), "better-auth-peer-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while starting the Better Auth peer", e);
        } catch (ExecutionException | TimeoutException e) {
            stop();
            throw new IllegalStateException("the Better Auth peer did not start; its output:\n" + lastOutput(), e);
        }
    }

    /** Drains the process output for its whole life; keeps the last lines for error messages. */
    private void readOutput(CompletableFuture<Integer> ready) {
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                remember(line);
                Matcher matcher = READY.matcher(line);
                if (!ready.isDone() && matcher.find()) {
                    ready.complete(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            // the stream closes when the process ends
        }
        ready.completeExceptionally(new IllegalStateException("exited with " + exitValue()));
    }

    private void awaitPortOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) STOP_TIMEOUT.toMillis());
        } catch (IOException e) {
            stop();
            throw new IllegalStateException("the Better Auth peer said it is ready but port " + port + " is closed", e);
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void remember(String line) {
        if (output.size() == OUTPUT_LINES_KEPT) {
            output.removeFirst();
        }
        output.addLast(line);
    }

    private synchronized String lastOutput() {
        return String.join("\n", output);
    }

    private String exitValue() {
        return process.isAlive() ? "(still running)" : String.valueOf(process.exitValue());
    }

    @Override
    public String toString() {
        return "Better Auth SCIM peer (pid " + pid() + ")";
    }
}
