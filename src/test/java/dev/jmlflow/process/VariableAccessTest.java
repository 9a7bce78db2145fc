package dev.jmlflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The request steps read process variables through the typed accessors of their process ({@code *Variables}, built on
 * {@link RequestVariables}), so a variable's name and type live in one place.
 */
class VariableAccessTest {

    private static final Path MAIN = Path.of("src/main/java/dev/jmlflow");
    private static final List<String> REQUEST_STEPS = List.of("process", "joiner", "mover", "leaver");
    private static final Pattern RAW_READ = Pattern.compile("\\b(execution|task|scope)\\.getVariable(Local)?\\(");

    @Test
    void noRequestStepReadsAVariableOutsideTheAccessorsOfItsProcess() {
        List<String> rawReads = REQUEST_STEPS.stream().flatMap(VariableAccessTest::sources)
                .filter(file -> !file.getFileName().toString().endsWith("Variables.java"))
                .flatMap(VariableAccessTest::rawReads).toList();

        assertThat(rawReads).isEmpty();
    }

    private static Stream<Path> sources(String pkg) {
        try (Stream<Path> files = Files.list(MAIN.resolve(pkg))) {
            return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> rawReads(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return java.util.stream.IntStream.range(0, lines.size())
                    .filter(i -> RAW_READ.matcher(lines.get(i)).find())
                    .mapToObj(i -> file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
