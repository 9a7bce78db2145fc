package dev.jmlflow.provisioning;

import dev.jmlflow.scim.ScimException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reading until a target shows what was written or created: targets are eventually consistent (R-J-4), so one
 * read that does not show it yet proves nothing. Reads {@code attempts} times, pausing {@code readBackDelay},
 * doubling, between reads.
 */
final class ReadBack {

    /** Pauses between read-backs; replaced in tests. */
    interface Sleeper {
        void sleep(Duration duration);
    }

    private final ProvisioningProperties properties;
    private final Sleeper sleeper;

    ReadBack(ProvisioningProperties properties, Sleeper sleeper) {
        this.properties = properties;
        this.sleeper = sleeper;
    }

    /** The configured number of reads ({@code read-back-attempts}). */
    int attempts() {
        return properties.readBackAttempts();
    }

    /** The first answer {@code read} gives within the configured number of reads, or empty. */
    <T> Optional<T> poll(Supplier<Optional<T>> read) {
        return poll(attempts(), read);
    }

    /** The first answer {@code read} gives within {@code attempts} reads, or empty; exceptions propagate at once. */
    <T> Optional<T> poll(int attempts, Supplier<Optional<T>> read) {
        Duration delay = properties.readBackDelay();
        for (int i = 0; i < attempts; i++) {
            if (i > 0) {
                sleeper.sleep(delay);
                delay = delay.multipliedBy(2);
            }
            Optional<T> answer = read.get();
            if (answer.isPresent()) {
                return answer;
            }
        }
        return Optional.empty();
    }

    static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScimException.Unavailable(0, "interrupted while waiting to read back", e);
        }
    }
}
