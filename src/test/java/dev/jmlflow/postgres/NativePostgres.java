package dev.jmlflow.postgres;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * JUnit extension sharing one {@link PostgresServer} across all test classes of a run; it is stopped when the
 * run ends. Spring tests get its coordinates through {@link #register(DynamicPropertyRegistry)}, in the form the
 * {@code postgres} profile reads them from the environment.
 */
public final class NativePostgres implements BeforeAllCallback {

    private static PostgresServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(NativePostgres.class, key -> (ExtensionContext.Store.CloseableResource) () -> {
                    synchronized (NativePostgres.class) {
                        if (server != null) {
                            server.close();
                            server = null;
                        }
                    }
                });
        server();
    }

    static synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresServer.start();
        }
        return server;
    }

    /** The variables an operator sets for the {@code postgres} profile. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("JMLFLOW_DB_URL", () -> server().jdbcUrl());
        registry.add("JMLFLOW_DB_USER", () -> PostgresServer.USER);
        registry.add("JMLFLOW_DB_PASSWORD", () -> server().password());
    }
}
