package dev.jmlflow.chaos;

import dev.jmlflow.bench.AppUnderTest;
import dev.jmlflow.bench.BenchTarget;
import dev.jmlflow.bench.DelayingProxy;
import dev.jmlflow.bench.JmlflowDriver;
import dev.jmlflow.postgres.PostgresServer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * One scenario's world: a fresh PostgreSQL server, the three benchmark targets (SCIM-SDK servers behind the
 * delaying proxy), and app nodes that can be killed with {@code kill -9} and started again on the same database.
 */
final class ChaosRig implements AutoCloseable {

    /** A SCIM write as the proxy sees it: the method, the path after {@code /v2}, the body. */
    record Write(String method, String resource, String body) {
    }

    final ChaosSettings settings;
    final List<BenchTarget> targets;
    private final PostgresServer postgres;
    private final Path dir;
    private final String adminPassword = "Chaos-" + UUID.randomUUID();
    private final List<AppUnderTest> nodes = new ArrayList<>();
    private JmlflowDriver users;
    private final AtomicInteger kills = new AtomicInteger();

    ChaosRig(String scenario, ChaosSettings settings) {
        this.settings = settings;
        this.dir = Path.of(System.getProperty("chaos.outputDir", "target/chaos"), scenario);
        this.postgres = PostgresServer.start();
        this.targets = ChaosSettings.TARGETS.stream().map(t -> BenchTarget.start(t, settings.delay(), 2, 0)).toList();
    }

    /** Starts a node on the shared database; the harness's users are created by the first node ever started. */
    synchronized AppUnderTest startNode(List<String> extraArgs) {
        List<String> args = new ArrayList<>(settings.appArgs());
        args.addAll(extraArgs);
        try {
            AppUnderTest node = AppUnderTest.startOn(postgres, adminPassword, settings.app(), targets,
                    dir.resolve("node-" + (nodes.size() + 1)), args);
            nodes.add(node);
            users = users == null ? new JmlflowDriver(node, targets) : users.on(node);
            return node;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The harness's users on this node. */
    synchronized JmlflowDriver driver(AppUnderTest node) {
        return users.on(node);
    }

    /** The node started last of those alive; throws {@link IllegalStateException} while none is. */
    synchronized AppUnderTest liveNode() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i).alive()) {
                return nodes.get(i);
            }
        }
        throw new IllegalStateException("no node is alive");
    }

    int kills() {
        return kills.get();
    }

    /** {@code kill -9} of the node, and wait until it is gone, so that nothing it had in flight can still commit. */
    void kill(AppUnderTest node) {
        node.kill();
        kills.incrementAndGet();
        ProcessHandle.of(node.pid()).ifPresent(process -> {
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException stillThere) {
                // reported below
            }
        });
        if (node.alive()) {
            throw new IllegalStateException("the node did not die within 30 s of kill -9");
        }
    }

    /**
     * Arms a crash-after-the-call on every target: the first write that matches is passed to its SCIM server, and
     * once the server has answered, the node is killed before the answer comes back (the job cannot commit).
     * Returns a flag that is set when it has fired.
     */
    AtomicBoolean killAfter(AppUnderTest node, Predicate<Write> write) {
        AtomicBoolean fired = new AtomicBoolean();
        DelayingProxy.Fault crash = new DelayingProxy.Fault() {
            @Override
            public void answered(String method, URI uri, byte[] body, int status) {
                if (status / 100 == 2 && write.test(write(method, uri, body)) && fired.compareAndSet(false, true)) {
                    kill(node);
                }
            }
        };
        targets.forEach(t -> t.proxy().fault(crash));
        return fired;
    }

    void heal() {
        targets.forEach(t -> t.proxy().fault(null));
    }

    static Write write(String method, URI uri, byte[] body) {
        String path = uri.getRawPath();
        int v2 = path.indexOf("/v2/");
        return new Write(method, v2 < 0 ? path : path.substring(v2 + 3), new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Waits until the condition holds, asking again every half second; an app that is down (a refused or failed
     * REST call) is asked again too.
     */
    void await(String what, BooleanSupplier condition) {
        await(what, settings.timeout(), condition);
    }

    void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (IllegalStateException downOrRestarting) {
                // asked again below
            }
            sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("not within " + timeout + ": " + what);
    }

    /** One number from the link store (or Camunda's tables), over JDBC; works while every node is down. */
    long count(String sql) {
        return Long.parseLong(text(sql));
    }

    /** The first column of the first row; throws {@link IllegalStateException} when there is none. */
    String text(String sql) {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, postgres.password());
             ResultSet rows = db.createStatement().executeQuery(sql)) {
            if (!rows.next()) {
                throw new IllegalStateException("no row: " + sql);
            }
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e, e);
        }
    }

    long incidents() {
        return count("SELECT count(*) FROM act_hi_incident");
    }

    /** Quarantine tasks the breaker gave IT ops (each comes with one mail). */
    long opsNotifications() {
        return count("SELECT count(*) FROM act_hi_taskinst WHERE name_ LIKE 'Target % is quarantined'");
    }

    /** Waits for a helper thread of the scenario, at most the scenario's timeout. */
    void join(Thread thread) {
        try {
            thread.join(settings.timeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        nodes.forEach(AppUnderTest::close);
        targets.forEach(BenchTarget::close);
        postgres.close();
    }
}
