package dev.jmlflow.sandbox.scimserver;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process SCIM 2.0 service provider on the loopback interface, built on the SCIM-SDK: what jmlflow provisions
 * into when no real app is configured, and a real, independently written SCIM server for tests.
 * <p>
 * Every tenant lives under {@code http://127.0.0.1:<port>/scim/<tenant>/v2} with its own store, bearer token and
 * {@link Profile}.
 */
public final class SandboxScimServer implements AutoCloseable {

    private static final int WORKER_THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, SandboxTenant> tenants;

    /**
     * @param port    the port to bind on 127.0.0.1; 0 takes a free one
     * @param tenants at least one, with distinct names
     */
    public record Options(int port, List<TenantOptions> tenants) {

        public Options {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            tenants = List.copyOf(tenants);
            if (tenants.isEmpty()) {
                throw new IllegalArgumentException("at least one tenant is needed");
            }
            if (tenants.stream().map(TenantOptions::name).distinct().count() != tenants.size()) {
                throw new IllegalArgumentException("tenant names must be distinct");
            }
        }

        public static Options onFreePort(TenantOptions... tenants) {
            return new Options(0, List.of(tenants));
        }
    }

    private SandboxScimServer(HttpServer server, ExecutorService executor, Map<String, SandboxTenant> tenants) {
        this.server = server;
        this.executor = executor;
        this.tenants = tenants;
    }

    public static SandboxScimServer start(Options options) {
        Objects.requireNonNull(options, "options");
        // Without TCP_NODELAY every small answer waits for the client's delayed ACK (~40 ms). The JDK reads this
        // once, when its first HttpServer is made in this JVM.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Map<String, SandboxTenant> tenants = new LinkedHashMap<>();
        options.tenants().forEach(tenant -> tenants.put(tenant.name(), new SandboxTenant(tenant)));
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the sandbox SCIM server to 127.0.0.1:" + options.port(), e);
        }
        String origin = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext(ScimExchangeHandler.CONTEXT_PATH, new ScimExchangeHandler(Map.copyOf(tenants), origin));
        ExecutorService executor = Executors.newFixedThreadPool(WORKER_THREADS, daemonThreads());
        server.setExecutor(executor);
        server.start();
        return new SandboxScimServer(server, executor, tenants);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The SCIM base URL of a tenant, without a trailing slash. */
    public String baseUrl(String tenant) {
        return "http://127.0.0.1:" + port() + ScimExchangeHandler.CONTEXT_PATH + tenant(tenant).name() + "/v2";
    }

    public SandboxTenant tenant(String name) {
        SandboxTenant tenant = tenants.get(name);
        if (tenant == null) {
            throw new NoSuchElementException("no sandbox tenant " + name);
        }
        return tenant;
    }

    public List<SandboxTenant> tenants() {
        return List.copyOf(tenants.values());
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sandbox-scim-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
