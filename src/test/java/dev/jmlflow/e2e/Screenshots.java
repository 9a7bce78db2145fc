package dev.jmlflow.e2e;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ScreenshotAnimations;

/**
 * Numbered screenshots of one test class's key steps, under {@code <build dir>/screenshots/<class>/}. The build dir
 * is found from the test classes' location, so parallel builds with {@code -Djmlflow.buildDir} keep theirs apart.
 */
final class Screenshots {

    private final Path directory;
    private final AtomicInteger counter = new AtomicInteger();

    Screenshots(Class<?> testClass) {
        this.directory = buildDirectory().resolve("screenshots").resolve(testClass.getSimpleName());
    }

    /** Saves what the page shows now (the whole page, also what is scrolled away) and returns the file. */
    Path take(Page page, String step) {
        Path file = directory.resolve(String.format("%02d-%s.png", counter.incrementAndGet(), step));
        // animations are finished at once, so a dialog that is still fading in is shown as it will look
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true)
                .setAnimations(ScreenshotAnimations.DISABLED));
        return file;
    }

    private static Path buildDirectory() {
        try {
            // <build dir>/test-classes
            return Path.of(Screenshots.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
