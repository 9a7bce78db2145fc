package dev.jmlflow.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.jmlflow.scim.ListResponse;
import dev.jmlflow.scim.ScimApi;
import dev.jmlflow.scim.ScimGroup;
import dev.jmlflow.scim.ScimSchemas;
import dev.jmlflow.targets.Dialect;
import dev.jmlflow.targets.TargetRegistry;
import dev.jmlflow.testpeers.ScimSdkPeer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The group catalogue against the SCIM-SDK server, and against a scripted client for what that server never does
 * (partial pages, counted calls): it knows a group absent only from a complete, fresh read.
 */
class GroupCatalogueTest {

    @RegisterExtension
    static final ScimSdkPeer peer = ScimSdkPeer.strict();

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    private final Clock clock = mock(Clock.class);

    @BeforeEach
    void now() {
        when(clock.instant()).thenReturn(NOW);
    }

    @Test
    void aGroupTheTargetHasIsNotAbsentWhateverItsCase() {
        peer.seedGroup("Catalogue-Admins");

        assertThat(onPeer().knownAbsent("app", "catalogue-admins")).isFalse();
    }

    @Test
    void aGroupTheTargetDoesNotHaveIsKnownAbsent() {
        peer.seedGroup("catalogue-viewers");

        assertThat(onPeer().knownAbsent("app", "no-such-group")).isTrue();
    }

    @Test
    void aGroupCreatedAfterTheListWasKeptIsNotRefused() {
        peer.seedGroup("catalogue-early");
        GroupCatalogue catalogue = onPeer();
        assertThat(catalogue.knownAbsent("app", "catalogue-early")).isFalse();

        peer.seedGroup("catalogue-late");

        assertThat(catalogue.knownAbsent("app", "catalogue-late")).isFalse();
    }

    @Test
    void aTargetThatDoesNotAnswerKnowsNoGroupAbsent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ScimApi down = Fixtures.client("http://127.0.0.1:" + closedPort + "/scim/v2", "token");

        assertThat(catalogue(Dialect.GENERIC, down, Duration.ofMinutes(5)).knownAbsent("app", "no-such-group")).isFalse();
    }

    @Test
    void aPartialListOnATargetWithUnreliablePagingKnowsNoGroupAbsent() {
        ScimApi api = mock(ScimApi.class);
        when(api.listGroups(anyInt(), anyInt())).thenReturn(page(150, groups(0, 100)));

        assertThat(catalogue(Dialect.CORALOGIX, api, Duration.ofMinutes(5)).knownAbsent("app", "no-such-group")).isFalse();
    }

    @Test
    void everyPageIsReadWhereTheTargetsPagingIsReliable() {
        ScimApi api = mock(ScimApi.class);
        when(api.listGroups(1, Pager.PAGE_SIZE)).thenReturn(page(150, groups(0, 100)));
        when(api.listGroups(101, Pager.PAGE_SIZE)).thenReturn(page(150, groups(100, 150)));
        GroupCatalogue catalogue = catalogue(Dialect.GENERIC, api, Duration.ofMinutes(5));

        assertThat(catalogue.knownAbsent("app", "group-149")).isFalse();
        assertThat(catalogue.knownAbsent("app", "group-150")).isTrue();
    }

    @Test
    void aGroupFoundWithinTheTtlIsNotAskedForAgain() {
        ScimApi api = mock(ScimApi.class);
        when(api.listGroups(anyInt(), anyInt())).thenReturn(page(1, groups(0, 1)));
        GroupCatalogue catalogue = catalogue(Dialect.GENERIC, api, Duration.ofMinutes(5));
        catalogue.knownAbsent("app", "group-0");

        when(clock.instant()).thenReturn(NOW.plus(Duration.ofMinutes(4)));

        assertThat(catalogue.knownAbsent("app", "GROUP-0")).isFalse();
        verify(api, times(1)).listGroups(anyInt(), anyInt());
    }

    @Test
    void aGroupIsAskedForAgainOnceTheTtlIsOver() {
        ScimApi api = mock(ScimApi.class);
        when(api.listGroups(anyInt(), anyInt())).thenReturn(page(1, groups(0, 1)));
        GroupCatalogue catalogue = catalogue(Dialect.GENERIC, api, Duration.ofMinutes(5));
        catalogue.knownAbsent("app", "group-0");

        when(clock.instant()).thenReturn(NOW.plus(Duration.ofMinutes(5)));

        assertThat(catalogue.knownAbsent("app", "group-0")).isFalse();
        verify(api, times(2)).listGroups(anyInt(), anyInt());
    }

    private GroupCatalogue onPeer() {
        return catalogue(Dialect.GENERIC, Fixtures.client(peer.baseUrl(), peer.token()), Duration.ofMinutes(5));
    }

    private GroupCatalogue catalogue(Dialect dialect, ScimApi api, Duration ttl) {
        return new GroupCatalogue(TargetRegistry.of(List.of(Fixtures.target("app", dialect, api))),
                new GroupCatalogueProperties(ttl), clock);
    }

    private static List<ScimGroup> groups(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> new ScimGroup(null, "id-" + i, null, "group-" + i, null, null)).toList();
    }

    private static ListResponse<ScimGroup> page(int total, List<ScimGroup> resources) {
        return new ListResponse<>(List.of(ScimSchemas.LIST_RESPONSE), total, resources.size(), null, resources);
    }
}
