package dev.jmlflow.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server from the machine's own binaries (Debian's {@code postgresql} package): initdb into
 * a temp folder, listen on 127.0.0.1 on a free port with password authentication, stop by PID, delete the folder.
 * PostgreSQL refuses to run as root, so under root every server command runs as the {@code postgres} system user.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "jmlflow";
    public static final String USER = "jmlflow";

    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");

    private final Path dir;
    private final int port;
    private final String password = "pg-" + UUID.randomUUID();
    private final long pid;

    private PostgresServer(Path bin) throws IOException, InterruptedException {
        dir = Files.createTempDirectory("jmlflow-pg-");
        Path data = dir.resolve("data");
        Files.writeString(dir.resolve("pwfile"), password + "\n", StandardCharsets.UTF_8);
        if (runningAsRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
        }
        runAsServerUser(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--pwfile=" + dir.resolve("pwfile"), "--auth=scram-sha-256", "-E", "UTF8", "--no-instructions"));
        port = freePort();
        runAsServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                "-l", dir.resolve("server.log").toString(),
                "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir + " -c fsync=off"
                        + " -c max_connections=100", "start"));
        pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        try (var connection = DriverManager.getConnection(url("postgres"), USER, password);
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("PostgreSQL started but the test database could not be created", e);
        }
    }

    /** Starts a server, or fails (never skips) with what to install when the binaries are missing. */
    public static PostgresServer start() {
        Path bin = findBinaries();
        try {
            return new PostgresServer(bin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String jdbcUrl() {
        return url(DATABASE);
    }

    public String password() {
        return password;
    }

    long pid() {
        return pid;
    }

    /** Fast shutdown (SIGINT: open sessions are disconnected), SIGKILL if it has not exited within 30 s. */
    @Override
    public void close() {
        ProcessHandle.of(pid).ifPresent(server -> {
            try {
                run(List.of("kill", "-INT", Long.toString(pid)));
                server.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                server.destroyForcibly();
            }
        });
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static Path findBinaries() {
        try (Stream<Path> versions = Files.isDirectory(DEBIAN_BINARIES) ? Files.list(DEBIAN_BINARIES) : Stream.empty()) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(bin -> majorVersion(bin.getParent())))
                    .orElseThrow(() -> new IllegalStateException("No PostgreSQL server binaries (initdb, pg_ctl) under "
                            + DEBIAN_BINARIES + "/*/bin. The PostgreSQL tests need a real server: install Debian's package "
                            + "'postgresql' (apt-get install -y postgresql); CI installs it in .ci/run."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int majorVersion(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void runAsServerUser(List<String> command) throws IOException, InterruptedException {
        if (!runningAsRoot()) {
            run(command);
            return;
        }
        var asPostgres = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        asPostgres.addAll(command);
        run(asPostgres);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' failed:\n" + output);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
