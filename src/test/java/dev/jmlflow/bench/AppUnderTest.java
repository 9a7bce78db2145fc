package dev.jmlflow.bench;

import dev.jmlflow.postgres.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * jmlflow as an operator runs it: its own JVM ({@code -Xmx} as set), {@code dev.jmlflow.JmlflowApplication} on the
 * main classpath only (no test classes, no test configuration), the shipped {@code application.yml}, the targets
 * and the admin from the environment. Only the database location, the port and the targets are set; the job
 * executor, history level and every other engine setting stay as shipped, so the benchmark measures them.
 */
public final class AppUnderTest implements AutoCloseable {

    public static final String ADMIN = "bench-admin";

    private final Process process;
    private final PostgresServer postgres;
    private final int port;
    private final String adminPassword;
    private final Path log;

    private AppUnderTest(Process process, PostgresServer postgres, int port, String adminPassword, Path log) {
        this.process = process;
        this.postgres = postgres;
        this.port = port;
        this.adminPassword = adminPassword;
        this.log = log;
    }

    static AppUnderTest start(BenchSettings settings, List<BenchTarget> targets, Path workDir) throws IOException, InterruptedException {
        Map<String, String> dbEnv = new java.util.HashMap<>();
        PostgresServer postgres = null;
        if ("postgres".equals(settings.db())) {
            postgres = PostgresServer.start();
            dbEnv.putAll(postgresEnv(postgres));
        } else if ("h2".equals(settings.db())) {
            // the shipped URL and its options (./data/jmlflow, relative to the app's working directory workDir);
            // a fresh folder per run
            deleteTree(workDir.resolve("data"));
        } else {
            throw new IllegalArgumentException("bench.db: h2 or postgres, not " + settings.db());
        }
        return launch(settings, targets, workDir, dbEnv, postgres, "Bench-" + UUID.randomUUID(), List.of());
    }

    /**
     * The app on a PostgreSQL server that outlives it (a restart, or a second node, finds the same database);
     * closing this app leaves the server running. The admin password must stay the same across restarts.
     */
    public static AppUnderTest startOn(PostgresServer postgres, String adminPassword, BenchSettings settings,
                                       List<BenchTarget> targets, Path workDir, List<String> extraArgs) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        return launch(settings, targets, workDir, postgresEnv(postgres), null, adminPassword, extraArgs);
    }

    private static Map<String, String> postgresEnv(PostgresServer postgres) {
        return Map.of("SPRING_PROFILES_ACTIVE", "postgres", "JMLFLOW_DB_URL", postgres.jdbcUrl(),
                "JMLFLOW_DB_USER", PostgresServer.USER, "JMLFLOW_DB_PASSWORD", postgres.password());
    }

    private static AppUnderTest launch(BenchSettings settings, List<BenchTarget> targets, Path workDir, Map<String, String> dbEnv,
                                       PostgresServer ownedPostgres, String adminPassword, List<String> extraArgs)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.appHeap()));
        // e.g. -Dbench.appJvmArgs="-XX:StartFlightRecording=filename=app.jfr" to profile the app, not the harness
        command.addAll(Arrays.stream(System.getProperty("bench.appJvmArgs", "").split(" ")).filter(a -> !a.isBlank()).toList());
        command.addAll(List.of("-cp", appClasspath(), "dev.jmlflow.JmlflowApplication", "--server.port=" + port));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("JMLFLOW_ADMIN_USER", ADMIN);
        env.put("JMLFLOW_ADMIN_PASSWORD", adminPassword);
        for (BenchTarget target : targets) {
            String key = "--jmlflow.targets." + target.name() + ".";
            command.add(key + "dialect=" + target.name());
            command.add(key + "base-url=" + target.proxiedBaseUrl());
            command.add(key + "requests-per-second=" + settings.requestsPerSecond());
            // the token only in the environment, never on a command line that ps shows
            env.put("JMLFLOW_TARGETS_" + target.name().toUpperCase() + "_TOKEN", target.token());
        }
        command.addAll(extraArgs);
        env.putAll(dbEnv);
        Path log = workDir.resolve("app.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile()).directory(workDir.toFile());
        AppUnderTest app = new AppUnderTest(builder.start(), ownedPostgres, port, adminPassword, log);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        app.awaitReady(Duration.ofMinutes(5));
        return app;
    }

    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    /** The app JVM's process id, for a {@code kill -9} from outside. */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** {@code kill -9}: the JVM dies at once, no shutdown hook, no commit of what is in flight. */
    public void kill() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** CPU time the app's JVM has used so far, as the operating system counts it. */
    Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    public AppRest admin() {
        return new AppRest(origin(), ADMIN, adminPassword);
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(origin() + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the app was not ready within " + timeout + "; see " + log);
    }

    /** Stops the app by its PID (SIGTERM, then SIGKILL after 30 s), then the PostgreSQL server if one was started. */
    @Override
    public synchronized void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** target/classes plus the runtime dependencies, as written by the bench profile's dependency:build-classpath. */
    private static String appClasspath() throws IOException {
        String classes = System.getProperty("bench.appClasses");
        String file = System.getProperty("bench.appClasspathFile");
        if (classes == null || file == null) {
            throw new IllegalStateException("run the benchmark with ./mvnw -Pbench verify (bench.appClasses and "
                    + "bench.appClasspathFile come from the bench profile)");
        }
        return classes + java.io.File.pathSeparator + Files.readString(Path.of(file)).strip();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
