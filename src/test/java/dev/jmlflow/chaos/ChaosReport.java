package dev.jmlflow.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/** One scenario's figures as a table row, printed and appended to {@code target/chaos/results.md}. */
record ChaosReport(String scenario, long started, long done, long accounts, long duplicates, long incidents,
                   long notifications, int kills, Duration duration, String notes) {

    private static final String HEADER = "| scenario | requests started | requests done | accounts | duplicates "
            + "| incidents | ops notifications | kill -9 | duration | notes |\n|---|---|---|---|---|---|---|---|---|---|\n";

    String row() {
        return "| %s | %d | %d | %d | %d | %d | %d | %d | %ds | %s |%n".formatted(scenario, started, done, accounts,
                duplicates, incidents, notifications, kills, duration.toSeconds(), notes);
    }

    void publish() {
        Path file = Path.of(System.getProperty("chaos.outputDir", "target/chaos"), "results.md");
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.writeString(file, "# Chaos harness\n\n" + HEADER);
            }
            Files.writeString(file, row(), StandardOpenOption.APPEND);
            System.out.println("\n" + HEADER + row());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
