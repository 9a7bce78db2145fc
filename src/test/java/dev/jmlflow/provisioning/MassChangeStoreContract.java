package dev.jmlflow.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jmlflow.provisioning.DestructiveChange.Operation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The mass-change guard's rules, run on H2 and on the real PostgreSQL against the app's Flyway scripts. */
public abstract class MassChangeStoreContract {

    protected abstract DataSource database();

    private final List<String> alerts = new ArrayList<>();
    private final Set<String> immediate = new java.util.HashSet<>();
    private String target;
    private MassChangeStore guard;
    private MassChangeDecisions decisions;

    @BeforeEach
    void freshTarget() {
        target = "t-" + UUID.randomUUID().toString().substring(0, 8);
        guard = store();
        decisions = decisions();
    }

    /** One node's guard: every store on the same database shares the counts. */
    protected MassChangeStore store() {
        return new MassChangeStore(database(), new DataSourceTransactionManager(database()),
                new MassChangeGuardProperties(25, java.time.Duration.ofHours(1), java.time.Duration.ofMinutes(5)),
                immediate::contains, new MassChangeAlerts() {
                    @Override
                    public void immediateLeaverOverThreshold(DestructiveChange change, int counted, int threshold) {
                        alerts.add(change.employeeId() + ":" + counted);
                    }

                    @Override
                    public void changeHeld(String heldTarget) {
                        alerts.add("held on " + heldTarget);
                    }
                }, Clock.systemUTC());
    }

    /** One node's answers to holds, on the same database. */
    protected MassChangeDecisions decisions() {
        return new MassChangeDecisions(database(), new DataSourceTransactionManager(database()),
                new MassChangeGuardProperties(25, java.time.Duration.ofHours(1), java.time.Duration.ofMinutes(5)),
                Clock.systemUTC());
    }

    protected DestructiveChange deactivation(int employee) {
        return new DestructiveChange(target, "E" + employee, Operation.DEACTIVATE, null);
    }

    private void admitFirst25() {
        for (int i = 1; i <= 25; i++) {
            guard.admit(deactivation(i));
        }
    }

    @Test
    void theFirst25DeactivationsInTheWindowGoThroughAndThe26thIsHeld() {
        admitFirst25();

        assertThatThrownBy(() -> guard.admit(deactivation(26))).isInstanceOf(MassChangeHeldException.class)
                .hasMessageContaining("held by the mass-change guard");
        assertThat(decisions.held(target)).extracting(MassChangeDecisions.HeldChange::employeeId).containsExactly("E26");
    }

    @Test
    void aRetriedChangeThatWasAlreadyCountedIsNotCountedTwice() {
        for (int i = 0; i < 30; i++) {
            guard.admit(deactivation(1));
        }
        for (int i = 2; i <= 25; i++) {
            guard.admit(deactivation(i));
        }
    }

    @Test
    void groupRemovalsAndDeletionsCountTowardTheSameWindow() {
        for (int i = 1; i <= 24; i++) {
            guard.admit(new DestructiveChange(target, "E" + i, Operation.REMOVE_GROUP, "staff"));
        }
        guard.admit(new DestructiveChange(target, "E1", Operation.DELETE, null));

        assertThatThrownBy(() -> guard.admit(new DestructiveChange(target, "E2", Operation.REMOVE_GROUP, "admins")))
                .isInstanceOf(MassChangeHeldException.class);
    }

    @Test
    void allowingNMoreLetsExactlyNMoreThrough() {
        admitFirst25();
        assertThatThrownBy(() -> guard.admit(deactivation(26))).isInstanceOf(MassChangeHeldException.class);

        decisions.allow(target, 3);

        guard.admit(deactivation(26));
        guard.admit(deactivation(27));
        guard.admit(deactivation(28));
        assertThatThrownBy(() -> guard.admit(deactivation(29))).isInstanceOf(MassChangeHeldException.class);
    }

    @Test
    void stopTurnsEachHeldChangeIntoAnIncidentOnceAndAnOpsRetrySendsIt() {
        admitFirst25();
        assertThatThrownBy(() -> guard.admit(deactivation(26))).isInstanceOf(MassChangeHeldException.class);

        decisions.stop(target);

        assertThat(decisions.held(target)).isEmpty();
        assertThatThrownBy(() -> guard.admit(deactivation(26))).isInstanceOf(MassChangeStoppedException.class)
                .hasMessageContaining("stopped by the app owner");
        guard.admit(deactivation(26));
    }

    @Test
    void anImmediateLeaverPassesAFullWindowAndRaisesTheAlert() {
        admitFirst25();
        immediate.add("E26");

        guard.admit(deactivation(26));

        assertThat(alerts).containsExactly("E26:26");
        assertThatThrownBy(() -> guard.admit(deactivation(27))).isInstanceOf(MassChangeHeldException.class);
    }

    @Test
    void twoNodesCountingAtOnceAdmitExactly25Between() throws Exception {
        MassChangeStore[] nodes = {store(), store()};
        java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            MassChangeStore mine = nodes[node];
            int first = node * 20;
            Thread thread = new Thread(() -> {
                awaitQuietly(start);
                for (int i = first; i < first + 20; i++) {
                    try {
                        mine.admit(deactivation(i));
                        admitted.incrementAndGet();
                    } catch (MassChangeHeldException held) {
                        // expected once the window is full
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(admitted.get()).isEqualTo(25);
        assertThat(decisions.held(target)).hasSize(15);
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void onlyTheFirstHeldChangeOfAnEpisodeClaimsTheHoldAlert() {
        admitFirst25();
        assertThatThrownBy(() -> guard.admit(deactivation(26))).isInstanceOf(MassChangeHeldException.class);
        assertThatThrownBy(() -> guard.admit(deactivation(27))).isInstanceOf(MassChangeHeldException.class);

        assertThat(decisions.claimHoldAlert(target)).isTrue();
        assertThat(decisions().claimHoldAlert(target)).isFalse();
    }

    @Test
    void everyHeldAdmissionTellsTheAlertsAfterTheHoldIsRecordedAndNoPassingOneDoes() {
        admitFirst25();
        assertThat(alerts).isEmpty();

        assertThatThrownBy(() -> guard.admit(deactivation(26))).isInstanceOf(MassChangeHeldException.class);
        assertThatThrownBy(() -> guard.admit(deactivation(26))).isInstanceOf(MassChangeHeldException.class);

        assertThat(alerts).containsExactly("held on " + target, "held on " + target);
        assertThat(decisions.held(target)).extracting(MassChangeDecisions.HeldChange::employeeId).containsExactly("E26");
    }

    @Test
    void aHoldAlertRearmedAfterAFailedOpeningIsClaimedOnceMore() {
        admitFirst25();
        assertThatThrownBy(() -> guard.admit(deactivation(26))).isInstanceOf(MassChangeHeldException.class);
        assertThat(decisions.claimHoldAlert(target)).isTrue();

        decisions.rearmHoldAlert(target);

        assertThat(decisions().claimHoldAlert(target)).isTrue();
        assertThat(decisions.claimHoldAlert(target)).isFalse();
    }

    @Test
    void noHoldAlertIsRearmedOnceTheHoldIsDecided() {
        admitFirst25();
        assertThatThrownBy(() -> guard.admit(deactivation(26))).isInstanceOf(MassChangeHeldException.class);
        decisions.claimHoldAlert(target);
        decisions.allow(target, 1);

        decisions.rearmHoldAlert(target);

        assertThat(decisions.claimHoldAlert(target)).isFalse();
    }
}
