package dev.jmlflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium, driven by Playwright: one browser per JVM, started on first use and closed when the JVM ends.
 * Playwright's own browser download is switched off; a machine without {@code /usr/bin/chromium} fails the browser
 * tests with a message saying what to install, it never skips them.
 */
final class Chromium {

    static final Path EXECUTABLE = Path.of(System.getProperty("jmlflow.chromium", "/usr/bin/chromium"));

    private static final List<String> ARGS = List.of("--no-sandbox", "--headless", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage");

    private static Browser browser;

    private Chromium() {
    }

    static synchronized Browser browser() {
        if (browser == null) {
            assertThat(Files.isExecutable(EXECUTABLE))
                    .withFailMessage("The browser tests need Chromium at %s: install Debian's package 'chromium' "
                            + "(apt-get install -y chromium), or point -Djmlflow.chromium at another Chromium", EXECUTABLE)
                    .isTrue();
            Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    .setArgs(ARGS));
            Runtime.getRuntime().addShutdownHook(new Thread(playwright::close, "playwright-close"));
        }
        return browser;
    }
}
