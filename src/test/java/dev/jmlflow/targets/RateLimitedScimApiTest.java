package dev.jmlflow.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jmlflow.scim.ScimException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RateLimitedScimApiTest {

    /** A clock that only moves when the bucket sleeps or the test says so. */
    static final class FakeTicker implements TokenBucket.Ticker {
        long now = 1_000_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    private final FakeTicker ticker = new FakeTicker();

    @Test
    void aBurstWithinTheRatePassesWithoutWaiting() {
        TokenBucket bucket = new TokenBucket("t", 5, Duration.ofSeconds(2), ticker);

        for (int i = 0; i < 5; i++) {
            bucket.acquire();
        }

        assertThat(ticker.sleeps).isEmpty();
    }

    @Test
    void requestsBeyondTheRateArePacedAtRequestsPerSecond() {
        TokenBucket bucket = new TokenBucket("t", 5, Duration.ofSeconds(2), ticker);
        for (int i = 0; i < 5; i++) {
            bucket.acquire();
        }

        bucket.acquire();
        bucket.acquire();

        assertThat(ticker.sleeps).hasSize(2).allSatisfy(n -> assertThat(n).isBetween(199_000_000L, 201_000_000L));
    }

    @Test
    void aWaitLongerThanTheLimitIsHandedToTheCallerInsteadOfSlept() {
        TokenBucket bucket = new TokenBucket("t", 0.1, Duration.ofSeconds(2), ticker);
        bucket.acquire();

        assertThatThrownBy(bucket::acquire).isInstanceOfSatisfying(ScimException.RateLimited.class,
                e -> assertThat(e.retryAfter()).get().matches(d -> d.toSeconds() >= 9 && d.toSeconds() <= 10));
        assertThat(ticker.sleeps).isEmpty();
    }

    @Test
    void afterA429NoRequestIsSentBeforeRetryAfterHasPassed() {
        TokenBucket bucket = new TokenBucket("t", 10, Duration.ofSeconds(2), ticker);
        bucket.pauseFor(Duration.ofSeconds(5));

        assertThatThrownBy(bucket::acquire).isInstanceOf(ScimException.RateLimited.class);
        ticker.now += Duration.ofSeconds(5).toNanos();
        bucket.acquire();

        assertThat(bucket.pausedFor()).isZero();
    }

    @Test
    void eachOfSeveralNodesPacesItsShareOfTheTargetsRateSoTheClusterKeepsTheConfiguredRate() {
        TargetSettings settings = new TargetSettings(Dialect.CORTEX, java.net.URI.create("https://cortex.example.com/scim"),
                null, "token", null, null, 9.0, null, null);

        assertThat(TargetRegistry.nodeShare(settings, defaultCluster())).isEqualTo(9.0);
        assertThat(TargetRegistry.nodeShare(settings, new ClusterProperties(3))).isEqualTo(3.0);
    }

    private static ClusterProperties defaultCluster() {
        return new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("jmlflow.cluster", ClusterProperties.class);
    }
}
