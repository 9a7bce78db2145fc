package dev.jmlflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;

import org.junit.jupiter.api.Test;

/** The fixture itself: a real server from the machine's binaries, reachable with a password, gone after close. */
class PostgresServerTest {

    @Test
    void serverAcceptsPasswordLoginsAndIsGoneAfterClose() throws Exception {
        PostgresServer server = PostgresServer.start();
        try (server; var connection = DriverManager.getConnection(server.jdbcUrl(), PostgresServer.USER, server.password());
             var result = connection.createStatement().executeQuery("select current_database(), inet_server_addr()::text")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo(PostgresServer.DATABASE);
            assertThat(result.getString(2)).startsWith("127.0.0.1");
        }
        assertThat(ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }
}
