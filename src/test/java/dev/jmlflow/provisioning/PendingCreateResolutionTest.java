package dev.jmlflow.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jmlflow.scim.ScimApi;
import dev.jmlflow.scim.ScimSchemas;
import dev.jmlflow.scim.ScimUser;
import dev.jmlflow.targets.Dialect;
import dev.jmlflow.testpeers.ScimSdkPeer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A leaver settles a create attempt (a POST whose answer was lost) by an exact lookup on a real SCIM server
 * (SCIM-SDK) before it deactivates: our account becomes a link, a foreign one is a mismatch, and "no account" is
 * only said once the POST can no longer land.
 */
class PendingCreateResolutionTest {

    private static final Duration IN_FLIGHT = Duration.ofMinutes(1);

    @RegisterExtension
    static final ScimSdkPeer peer = ScimSdkPeer.strict();

    private ScimApi raw;
    private DataSource database;
    private IdentityLinkStore store;
    private ProvisioningService service;

    @BeforeEach
    void setUp() {
        raw = Fixtures.client(peer.baseUrl(), peer.token());
        database = Fixtures.migratedDatabase();
        store = Fixtures.linkStore(database);
        service = Fixtures.service(Fixtures.target("app", Dialect.GENERIC, Fixtures.client(peer.baseUrl(), peer.token())),
                store, new ProvisioningProperties(Duration.ofSeconds(1), 2, Duration.ofMillis(20), Duration.ofMinutes(5)));
    }

    @Test
    void aCreateThatLandedIsFoundByLookupAndTheLeaverDeactivatesIt() {
        Employee e = Fixtures.employee(Fixtures.unique());
        store.recordCreateAttempt("app", e.employeeId(), e.userName());
        String id = raw.createUser(user(e.userName(), e.employeeId())).id(); // the POST whose answer was lost

        service.resolvePendingCreate("app", e.employeeId(), IN_FLIGHT);
        service.deactivate("app", e.employeeId());

        assertThat(store.find("app", e.employeeId())).get().extracting(AccountLink::scimId).isEqualTo(id);
        assertThat(raw.getUser(id).isActive()).isFalse();
        assertThat(service.readsInactive("app", e.employeeId())).isTrue();
    }

    @Test
    void aCreateNotFoundIsNotCalledAbsentWhileItMayStillLand() {
        Employee e = Fixtures.employee(Fixtures.unique());
        store.recordCreateAttempt("app", e.employeeId(), e.userName());

        assertThatThrownBy(() -> service.resolvePendingCreate("app", e.employeeId(), IN_FLIGHT))
                .isInstanceOf(RetryLaterException.class);
        assertThat(store.find("app", e.employeeId())).isEmpty();
        assertThat(store.pendingCreate("app", e.employeeId())).isPresent();
    }

    @Test
    void aSettledCreateThatNeverLandedIsRecordedAsNoAccount() {
        Employee e = Fixtures.employee(Fixtures.unique());
        Clock tenMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        new IdentityLinkStore(JdbcClient.create(database), tenMinutesAgo, new DataSourceTransactionManager(database),
                IdentityLinkStore.Upsert.of(database))
                .recordCreateAttempt("app", e.employeeId(), e.userName());

        service.resolvePendingCreate("app", e.employeeId(), IN_FLIGHT);
        service.deactivate("app", e.employeeId());

        assertThat(store.find("app", e.employeeId())).get().extracting(AccountLink::state).isEqualTo(LinkState.DELETED);
        assertThat(store.pendingCreate("app", e.employeeId())).isEmpty();
        assertThat(service.readsInactive("app", e.employeeId())).isTrue();
    }

    @Test
    void anAccountWithTheUserNameThatIsNotOursIsAnIdentityMismatchAndIsLeftAlone() {
        Employee e = Fixtures.employee(Fixtures.unique());
        store.recordCreateAttempt("app", e.employeeId(), e.userName());
        String foreign = raw.createUser(user(e.userName(), "someone-else-" + Fixtures.unique())).id();

        assertThatThrownBy(() -> service.resolvePendingCreate("app", e.employeeId(), IN_FLIGHT))
                .isInstanceOf(IdentityMismatchException.class).hasMessageContaining("not ours");
        assertThat(raw.getUser(foreign).isActive()).isTrue();
        assertThat(store.find("app", e.employeeId())).isEmpty();
    }

    private static ScimUser user(String userName, String externalId) {
        return new ScimUser(List.of(ScimSchemas.USER), null, externalId, userName, new ScimUser.Name("Some", "One", null),
                "Some One", List.of(new ScimUser.Email(userName, "work", true)), true, null, null, null, null);
    }
}
