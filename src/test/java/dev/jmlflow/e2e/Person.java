package dev.jmlflow.e2e;

import java.time.LocalDate;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;

/**
 * One person at their own browser (own cookies and session), working in the Camunda webapps as a user would: by
 * labels, button captions and links, never by calling the REST API.
 */
final class Person implements AutoCloseable {

    private static final double TIMEOUT_MS = 60_000;
    private static final double LOGIN_ATTEMPT_MS = 20_000;
    private static final int LOGIN_ATTEMPTS = 3;

    private final String userId;
    private final String baseUrl;
    private final BrowserContext context;
    private final Page page;
    private final Screenshots screenshots;

    private Person(String userId, String baseUrl, BrowserContext context, Screenshots screenshots) {
        this.userId = userId;
        this.baseUrl = baseUrl;
        this.context = context;
        this.page = context.newPage();
        this.screenshots = screenshots;
        context.setDefaultTimeout(TIMEOUT_MS);
    }

    /** Opens a fresh browser window for the user, logs in to the given webapp ({@code tasklist} or {@code cockpit}). */
    static Person logIn(String baseUrl, String app, String userId, String password, Screenshots screenshots) {
        BrowserContext context = Chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1280, 900));
        Person person = new Person(userId, baseUrl, context, screenshots);
        person.page.navigate(baseUrl + "/camunda/app/" + app + "/");
        person.logInOnTheForm(password);
        return person;
    }

    /**
     * Fills the login form and waits for it to go away. Under load the webapp may still be wiring the form when the
     * first keystrokes arrive and clear the fields again, so an attempt whose form stays is made once more; a refused
     * login shows the same form every time and fails with Tasklist's or Cockpit's own words.
     */
    private void logInOnTheForm(String password) {
        Locator passwordField = page.getByPlaceholder("Password");
        for (int attempt = 1; ; attempt++) {
            page.getByPlaceholder("Username").fill(userId);
            passwordField.fill(password);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
            try {
                passwordField.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED)
                        .setTimeout(LOGIN_ATTEMPT_MS));
                return;
            } catch (TimeoutError stillOnTheForm) {
                if (attempt == LOGIN_ATTEMPTS) {
                    throw new AssertionError(userId + " could not log in after " + attempt + " attempts; the page says: "
                            + page.locator("body").innerText(), stillOnTheForm);
                }
            }
        }
    }

    String userId() {
        return userId;
    }

    Page page() {
        return page;
    }

    /** Tasklist: Start process, then the process by its name; waits for its start form. */
    Person startProcess(String processName) {
        page.locator(".start-process-action a").click();
        page.getByText(processName, new Page.GetByTextOptions().setExact(true)).click();
        page.locator(".fjs-form").waitFor();
        return this;
    }

    Person fill(String label, String value) {
        field(label).fill(value);
        return this;
    }

    /**
     * A searchable select: types the first word of {@code option}, as HR types a name, and picks the option that
     * reads exactly {@code option}.
     */
    Person pick(String label, String option) {
        field(label).fill(option.split(" ")[0]);
        page.locator(".fjs-dropdownlist-item").getByText(option, new Locator.GetByTextOptions().setExact(true))
                .click();
        return this;
    }

    /** Types the date as people write it in ISO form, yyyy-mm-dd: the forms' date fields take it as typed. */
    Person fillDate(String label, LocalDate date) {
        return fill(label, date.toString());
    }

    Person check(String label) {
        page.getByLabel(label, new Page.GetByLabelOptions().setExact(true)).check();
        return this;
    }

    /** Clicks the start form's Start button. */
    Person clickStart() {
        button("Start").click();
        return this;
    }

    /** Opens a task by its direct link, the one a notification mail carries. */
    Person openTask(String taskId) {
        page.navigate(baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId);
        return this;
    }

    /** Claims the open task when it is offered to a group rather than assigned to this person. */
    Person claimIfOffered() {
        awaitTaskForm();
        Locator claim = page.locator("button.claim");
        if (claim.isVisible()) {
            claim.click();
            claim.waitFor(new Locator.WaitForOptions()
                    .setState(WaitForSelectorState.DETACHED));
        }
        return this;
    }

    /** Waits until the task's Camunda Form shows. */
    Person awaitTaskForm() {
        page.locator(".fjs-form").waitFor();
        return this;
    }

    Person clickComplete() {
        button("Complete").click();
        return this;
    }

    /** Waits for Tasklist's notification (success or error) matching the text, and returns its whole text. */
    String awaitNotification(Pattern text) {
        Locator notification = page.locator(".notifications .alert").filter(new Locator.FilterOptions()
                .setHasText(text)).first();
        notification.waitFor();
        return notification.innerText();
    }

    /** Waits for Tasklist's answer to Start, and fails with that answer unless the process was started. */
    void awaitProcessStarted() {
        Locator answer = page.locator(".notifications .alert").first();
        answer.waitFor();
        String text = answer.innerText();
        if (!text.contains("process has been started")) {
            throw new AssertionError("Tasklist did not start the process; it says: " + text);
        }
    }

    String text(String selector) {
        return page.locator(selector).first().innerText();
    }

    Locator button(String caption) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(caption).setExact(true));
    }

    Locator field(String label) {
        return page.locator(".fjs-form").getByLabel(label, new Locator.GetByLabelOptions().setExact(false)).first();
    }

    void navigate(String path) {
        page.navigate(baseUrl + path);
    }

    void screenshot(String step) {
        screenshots.take(page, userId + "-" + step);
    }

    @Override
    public void close() {
        context.close();
    }
}
