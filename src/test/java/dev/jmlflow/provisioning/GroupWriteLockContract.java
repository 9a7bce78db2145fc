package dev.jmlflow.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.sandbox.scimserver.Profile;
import dev.jmlflow.sandbox.scimserver.SandboxScimServer;
import dev.jmlflow.sandbox.scimserver.StoredGroup;
import dev.jmlflow.sandbox.scimserver.TenantOptions;
import dev.jmlflow.scim.ScimApi;
import dev.jmlflow.targets.Dialect;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (two services with their own link store, client and JVM-local state) on one database add different
 * users to one Coginiti group at once. Coginiti takes only a PUT of the whole group, so without a lock shared by
 * the nodes one node's PUT overwrites the member the other just added.
 */
abstract class GroupWriteLockContract {

    private static final String GROUP = "Engineering";
    private static final int USERS_PER_NODE = 2;

    private final String token = UUID.randomUUID().toString();
    private SandboxScimServer server;
    private List<ProvisioningService> nodes;

    /** A migrated, empty database. */
    abstract DataSource migratedDatabase();

    @BeforeEach
    void twoNodesOnOneDatabaseAndOneCoginiti() {
        server = SandboxScimServer.start(SandboxScimServer.Options.onFreePort(
                new TenantOptions("coginiti", token, Profile.imitating(Dialect.COGINITI), List.of(GROUP))));
        DataSource database = migratedDatabase();
        nodes = IntStream.range(0, 2).mapToObj(n -> Fixtures.service(
                Fixtures.target("coginiti", Dialect.COGINITI, slowToPutAfterReading(Fixtures.client(server.baseUrl("coginiti"), token))),
                Fixtures.linkStore(database), Fixtures.FAST)).toList();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void concurrentAddsFromTwoNodesToOneWholeGroupPutAllSurvive() throws Exception {
        List<String> employees = IntStream.range(0, 2 * USERS_PER_NODE).mapToObj(i -> "lock-" + i + "-" + Fixtures.unique()).toList();
        List<String> userIds = IntStream.range(0, employees.size())
                .mapToObj(i -> node(i).ensureUser("coginiti", Fixtures.employee(employees.get(i))).scimId()).toList();

        CompletableFuture<?>[] adds = IntStream.range(0, employees.size()).mapToObj(i -> CompletableFuture.runAsync(() ->
                node(i).addMembership("coginiti", "E" + employees.get(i), Fixtures.employee(employees.get(i)).userName(), GROUP)))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(adds).get(30, TimeUnit.SECONDS);

        StoredGroup group = server.tenant("coginiti").groups().stream().filter(g -> g.displayName().equals(GROUP)).findFirst().orElseThrow();
        assertThat(group.memberIds()).as("every node's addition survives the other's PUT").containsExactlyInAnyOrderElementsOf(userIds);
    }

    private ProvisioningService node(int i) {
        return nodes.get(i % nodes.size());
    }

    /** A client that pauses between reading a group for a PUT and sending it, so that the nodes' writes overlap. */
    private static ScimApi slowToPutAfterReading(ScimApi api) {
        return (ScimApi) Proxy.newProxyInstance(ScimApi.class.getClassLoader(), new Class<?>[] {ScimApi.class}, (proxy, method, args) -> {
            try {
                Object answer = method.invoke(api, args);
                if (method.getName().equals("getGroupDocument")) {
                    Thread.sleep(150);
                }
                return answer;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
