package dev.jmlflow.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The leaver's cut-off is race-free, on each database jmlflow runs on: a create admitted before the cut has its
 * attempt committed before the cut commits, every create after it is refused, and admissions never wait for each
 * other across targets.
 */
abstract class AccessFenceContract {

    private static final String EMPLOYEE = "E5001";

    private DataSource database;
    private IdentityLinkStore links;
    private AccessFence fence;
    private TransactionTemplate transaction;
    private final CountDownLatch admitted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** A migrated, empty database. */
    abstract DataSource freshDatabase();

    @BeforeEach
    void migratedStore() {
        database = freshDatabase();
        Flyway.configure().dataSource(database).load().migrate();
        links = Fixtures.linkStore(database);
        fence = new AccessFence(database, new DataSourceTransactionManager(database));
        transaction = new TransactionTemplate(new DataSourceTransactionManager(database));
    }

    @AfterEach
    void releaseHeldAdmissions() {
        release.countDown();
    }

    @Test
    void afterTheCutACreateIsRefusedAndNothingIsRecorded() {
        fence.cut(EMPLOYEE, "leaver-1", List.of("cortex"));

        assertThatThrownBy(() -> links.recordCreateAttempt("cortex", EMPLOYEE, "e5001@example.com"))
                .isInstanceOf(AccessFencedException.class)
                .hasMessageContaining("cut at").hasMessageContaining("leaver leaver-1").hasMessageContaining("superseded");
        assertThat(links.pendingCreate("cortex", EMPLOYEE)).isEmpty();
    }

    @Test
    void afterTheCutNoMembershipOrReactivationIsAdmitted() {
        fence.cut(EMPLOYEE, "leaver-1", List.of("cortex"));

        assertThatThrownBy(() -> links.admitWrite("cortex", EMPLOYEE)).isInstanceOf(AccessFencedException.class);
    }

    @Test
    void theCutWaitsForTheFirstCreateInProgressWhichIsRecordedBeforeTheCutCommits() throws Exception {
        CompletableFuture<Void> create = holdAdmissionOpen("cortex", true);

        CompletableFuture<Void> cut = CompletableFuture.runAsync(() -> fence.cut(EMPLOYEE, "leaver-1", List.of("cortex", "coginiti")));
        assertStillWaiting(cut);
        release.countDown();
        create.get(10, TimeUnit.SECONDS);
        cut.get(10, TimeUnit.SECONDS);

        assertThat(links.pendingCreate("cortex", EMPLOYEE)).as("the admitted create is visible to the leaver").isPresent();
        assertThatThrownBy(() -> links.recordCreateAttempt("coginiti", EMPLOYEE, "e5001@example.com"))
                .isInstanceOf(AccessFencedException.class);
    }

    @Test
    void theCutWaitsForAWriteInProgressOnARowThatExists() throws Exception {
        links.admitWrite("cortex", EMPLOYEE);
        CompletableFuture<Void> write = holdAdmissionOpen("cortex", false);

        CompletableFuture<Void> cut = CompletableFuture.runAsync(() -> fence.cut(EMPLOYEE, "leaver-1", List.of("cortex")));
        assertStillWaiting(cut);
        release.countDown();
        write.get(10, TimeUnit.SECONDS);
        cut.get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> links.admitWrite("cortex", EMPLOYEE)).isInstanceOf(AccessFencedException.class);
    }

    @Test
    void aCreateThatComesWhileTheCutIsInProgressWaitsForItAndIsRefused() throws Exception {
        links.admitWrite("cortex", EMPLOYEE);
        CompletableFuture<Void> cut = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            fence.cutTarget(EMPLOYEE, "leaver-1", "cortex");
            admitted.countDown();
            await(release);
        }));
        assertThat(admitted.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> create = CompletableFuture.runAsync(
                () -> links.recordCreateAttempt("cortex", EMPLOYEE, "e5001@example.com"));
        assertStillWaiting(create);
        release.countDown();
        cut.get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> create.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(AccessFencedException.class);
        assertThat(links.pendingCreate("cortex", EMPLOYEE)).isEmpty();
    }

    @Test
    void admissionsForDifferentTargetsDoNotWaitForEachOther() throws Exception {
        links.admitWrite("cortex", EMPLOYEE);
        holdAdmissionOpen("cortex", false);

        CompletableFuture.runAsync(() -> links.recordCreateAttempt("coginiti", EMPLOYEE, "e5001@example.com"))
                .get(2, TimeUnit.SECONDS);
        assertThat(links.pendingCreate("coginiti", EMPLOYEE)).isPresent();
    }

    @Test
    void theLastAdmissionIsRememberedForTheLeaversReadBack() {
        Instant before = Instant.now().minusSeconds(1);
        links.admitWrite("cortex", EMPLOYEE);

        assertThat(fence.lastAdmission("cortex", EMPLOYEE)).get().satisfies(at -> assertThat(at).isAfter(before));
        assertThat(fence.lastAdmission("coginiti", EMPLOYEE)).isEmpty();
    }

    @Test
    void aCutTwiceKeepsItsFirstTimeAndLiftingItLetsARehireBeProvisioned() {
        fence.cut(EMPLOYEE, "leaver-1", List.of("cortex"));
        fence.cut(EMPLOYEE, "leaver-1", List.of("cortex"));
        fence.lift(EMPLOYEE, "leaver-1");

        links.recordCreateAttempt("cortex", EMPLOYEE, "e5001@example.com");
        assertThat(links.pendingCreate("cortex", EMPLOYEE)).isPresent();
    }

    /** An admission (for a create: with its attempt) inside a transaction that stays open until {@link #release}. */
    private CompletableFuture<Void> holdAdmissionOpen(String target, boolean create) throws InterruptedException {
        CompletableFuture<Void> held = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            if (create) {
                links.recordAdmittedAttempt(target, EMPLOYEE, "e5001@example.com");
            } else {
                fence.admit(target, EMPLOYEE);
            }
            admitted.countDown();
            await(release);
        }));
        assertThat(admitted.await(10, TimeUnit.SECONDS)).as("the admission holds the fence row").isTrue();
        return held;
    }

    private static void assertStillWaiting(CompletableFuture<Void> waiting) throws Exception {
        try {
            waiting.get(Duration.ofMillis(700).toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("it went ahead while the other transaction held the fence row");
        } catch (TimeoutException expected) {
            // still waiting for the admission's lock
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
