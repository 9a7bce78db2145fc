package dev.jmlflow.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What the link store does on every database it runs on ({@link IdentityLinkStoreTest} names them). */
abstract class IdentityLinkStoreContract {

    abstract TestDatabase database();

    DataSource dataSource;
    IdentityLinkStore store;
    TransactionTemplate transactions;

    @BeforeEach
    void freshDatabase() {
        dataSource = database().migrated();
        store = Fixtures.linkStore(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void savingTwiceKeepsOneLinkWithTheLatestState() {
        Instant verified = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.save(new AccountLink("cortex", "E1", "id-1", "a@example.com", AccountOrigin.CREATED, LinkState.ACTIVE, verified));
        store.save(new AccountLink("cortex", "E1", "id-1", "a@example.com", AccountOrigin.CREATED, LinkState.DEACTIVATED, verified));

        assertThat(store.findByEmployee("E1")).singleElement()
                .isEqualTo(new AccountLink("cortex", "E1", "id-1", "a@example.com", AccountOrigin.CREATED, LinkState.DEACTIVATED, verified));
    }

    @Test
    void aCreateAttemptIsRememberedButIsNotALink() {
        store.recordCreateAttempt("cortex", "E2", "b@example.com");

        assertThat(store.find("cortex", "E2")).isEmpty();
        assertThat(store.findByEmployee("E2")).isEmpty();
        assertThat(store.pendingCreate("cortex", "E2")).get()
                .satisfies(p -> assertThat(p.attemptedAt()).isBeforeOrEqualTo(Instant.now()));
    }

    @Test
    void savingTheLinkClearsThePendingCreate() {
        store.recordCreateAttempt("cortex", "E3", "c@example.com");
        store.save(new AccountLink("cortex", "E3", "id-3", "c@example.com", AccountOrigin.CREATED, LinkState.ACTIVE, Instant.now()));

        assertThat(store.pendingCreate("cortex", "E3")).isEmpty();
        assertThat(store.find("cortex", "E3")).get().extracting(AccountLink::scimId).isEqualTo("id-3");
    }

    @Test
    void aCreateAttemptForAStoredLinkKeepsTheLinkAndIsRemembered() {
        AccountLink gone = new AccountLink("cortex", "E5", "id-5", "e@example.com", AccountOrigin.CREATED, LinkState.DEACTIVATED,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        store.save(gone);

        store.recordCreateAttempt("cortex", "E5", "e@example.com");

        assertThat(store.find("cortex", "E5")).contains(gone);
        assertThat(store.pendingCreate("cortex", "E5")).get().extracting(IdentityLinkStore.PendingCreate::userName)
                .isEqualTo("e@example.com");
    }

    @Test
    void aCreateAttemptCommitsEvenWhenTheSurroundingTransactionRollsBack() {
        transactions.executeWithoutResult(status -> {
            store.recordCreateAttempt("cortex", "E6", "f@example.com");
            status.setRollbackOnly();
        });

        assertThat(store.pendingCreate("cortex", "E6")).isPresent();
    }

    @Test
    void linksAreKeptPerTarget() {
        store.save(new AccountLink("cortex", "E4", "x", "d@example.com", AccountOrigin.ADOPTED, LinkState.ACTIVE, Instant.now()));
        store.save(new AccountLink("coginiti", "E4", "y", "d@example.com", AccountOrigin.CREATED, LinkState.ACTIVE, Instant.now()));

        assertThat(store.findByEmployee("E4")).extracting(AccountLink::target).containsExactly("coginiti", "cortex");
    }
}
