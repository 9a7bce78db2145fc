package dev.jmlflow.targets;

import dev.jmlflow.scim.ScimException;
import java.time.Duration;

/**
 * A token bucket of {@code ratePerSecond} tokens refilled continuously, holding at most one second's worth
 * (so bursts stay within the rate), plus a pause set from a server's Retry-After. Thread-safe.
 */
public final class TokenBucket {

    /** When a 429 comes without Retry-After: long enough to let the server recover, short enough for a job retry. */
    static final Duration DEFAULT_PAUSE = Duration.ofSeconds(30);
    /** The longest wait slept in-process; anything longer is handed to the job layer (R-E-5 timeout budget). */
    static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(2);

    /** Time source and sleeper, replaceable in tests. */
    public interface Ticker {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }

    private final String targetName;
    private final double ratePerNano;
    private final double capacity;
    private final long maxWaitNanos;
    private final Ticker ticker;
    private double tokens;
    private long lastRefill;
    private long pausedUntil;

    public TokenBucket(String targetName, double ratePerSecond, Duration maxWait, Ticker ticker) {
        this.targetName = targetName;
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = Math.max(1.0, ratePerSecond);
        this.maxWaitNanos = maxWait.toNanos();
        this.ticker = ticker;
        this.tokens = capacity;
        this.lastRefill = ticker.nanoTime();
        this.pausedUntil = lastRefill;
    }

    public TokenBucket(String targetName, double ratePerSecond) {
        this(targetName, ratePerSecond, DEFAULT_MAX_WAIT, Ticker.SYSTEM);
    }

    /** Takes one token, sleeping briefly if needed; throws {@code RateLimited} instead of a long sleep. */
    public void acquire() {
        long waitNanos;
        synchronized (this) {
            long now = ticker.nanoTime();
            if (now - pausedUntil < 0) {
                throw new ScimException.RateLimited(Duration.ofNanos(pausedUntil - now).plusMillis(999).withNanos(0),
                        "target " + targetName + " asked us to wait (Retry-After); no request sent");
            }
            tokens = Math.min(capacity, tokens + (now - lastRefill) * ratePerNano);
            lastRefill = now;
            waitNanos = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / ratePerNano);
            if (waitNanos > maxWaitNanos) {
                throw new ScimException.RateLimited(Duration.ofNanos(waitNanos).plusMillis(999).withNanos(0),
                        "target " + targetName + ": client-side rate limit reached; no request sent");
            }
            // reserve the token now so concurrent callers queue up behind this one
            tokens -= 1;
        }
        if (waitNanos > 0) {
            try {
                ticker.sleepNanos(waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScimException.Unavailable(0, "target " + targetName + ": interrupted while rate limited", e);
            }
        }
    }

    /** Holds every request to this target back for {@code duration} (a server's Retry-After). */
    public synchronized void pauseFor(Duration duration) {
        long until = ticker.nanoTime() + Math.max(0, duration.toNanos());
        if (until - pausedUntil > 0) {
            pausedUntil = until;
        }
    }

    public synchronized Duration pausedFor() {
        long left = pausedUntil - ticker.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }
}
