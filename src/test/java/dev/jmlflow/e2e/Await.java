package dev.jmlflow.e2e;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Bounded polling for work the job executor does in the background. Short pauses, a generous limit (two busy cores
 * run the app, the browser and the build at once), and a message that says what never happened.
 */
final class Await {

    static final Duration DEFAULT_LIMIT = Duration.ofSeconds(120);
    private static final Duration PAUSE = Duration.ofMillis(250);

    private Await() {
    }

    static void until(String what, Supplier<Boolean> condition) {
        value(what, () -> Boolean.TRUE.equals(condition.get()) ? Optional.of(true) : Optional.empty(), DEFAULT_LIMIT);
    }

    static <T> T value(String what, Supplier<Optional<T>> probe) {
        return value(what, probe, DEFAULT_LIMIT);
    }

    static <T> T value(String what, Supplier<Optional<T>> probe, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + limit.toSeconds() + " s, but never: " + what);
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
