package dev.jmlflow.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import dev.jmlflow.sandbox.SandboxMode;
import org.springframework.test.context.TestPropertySource;

/**
 * Ops sees a stuck request in Cockpit and gets it going again. The sandbox's cortex is reached through a WireMock
 * proxy in front of the real sandbox SCIM server, so the test can take cortex down (503) and bring it back. The
 * circuit breaker is set out of reach here: this is the path of a request whose calls fail while its target is not
 * quarantined (a quarantined target's jobs wait without incidents, see CircuitBreakerTest).
 */
@TestPropertySource(properties = "jmlflow.breaker.failure-threshold=1000")
class OpsBrowserTest extends BrowserJourney {

    private static final WireMockServer cortexProxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        cortexProxy.start();
    }

    @Autowired
    Environment environment;

    @AfterAll
    static void stopProxy() {
        cortexProxy.stop();
    }

    /**
     * Puts the proxy between jmlflow and the sandbox's cortex. A bean post-processor is created after the sandbox
     * (a bean factory post-processor) has published its targets, and before any bean reads them.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class CortexBehindAProxy {

        @Bean
        static BeanPostProcessor cortexBehindAProxy(ConfigurableEnvironment environment) {
            @SuppressWarnings("unchecked")
            Map<String, Object> sandboxTargets = ((MapPropertySource) environment.getPropertySources()
                    .get(SandboxMode.SANDBOX_PROPERTY_SOURCE)).getSource();
            URI cortex = URI.create((String) sandboxTargets.get("jmlflow.targets.cortex.base-url"));
            cortexProxy.stubFor(any(anyUrl()).atPriority(10)
                    .willReturn(aResponse().proxiedFrom(cortex.getScheme() + "://" + cortex.getAuthority())));
            sandboxTargets.put("jmlflow.targets.cortex.base-url", cortexProxy.baseUrl() + cortex.getPath());
            return new BeanPostProcessor() {
            };
        }
    }

    @Test
    void opsSeesTheFailingTargetInCockpitAndRetriesTheRequestToCompletionOnceTheTargetIsBack() {
        StubMapping outage = cortexProxy.stubFor(any(anyUrl()).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/plain")
                        .withBody("Service Unavailable")));
        Employee mia = newEmployee("Mia", "Chen");
        String instanceId = joinerApprovedByManager(mia, "Finance", "Accountant");

        Incident incident = retriesExhaustedUntilIncident(instanceId);
        String token = environment.getRequiredProperty("jmlflow.targets.cortex.token");

        Person ops = cockpit("ops");
        ops.navigate("/camunda/app/cockpit/default/#/process-instance/" + instanceId + "/runtime?tab=incidents-tab");
        String message = ops.text("td.message");
        ops.screenshot("cockpit-incidents-tab");
        assertThat(message)
                .as("Cockpit's incident names the target and the HTTP status")
                .contains("target cortex", "503");
        ops.page().locator("td.message a").first().click();
        Locator stacktrace = ops.page().locator(".modal-dialog textarea");
        PlaywrightAssertions.assertThat(stacktrace).hasValue(Pattern.compile("answered 503"));
        ops.screenshot("cockpit-incident");
        assertThat(stacktrace.inputValue()).as("the stacktrace behind the incident").doesNotContain(token);
        assertThat(ops.text("body")).doesNotContain(token);
        assertThat(incident.getIncidentMessage()).doesNotContain(token);
        ops.button("Close").click();
        stacktrace.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));

        cortexProxy.removeStub(outage);
        ops.page().locator("a[ng-click='openJobRetryDialog(incident)']").first().click();
        ops.page().locator(".modal-dialog input#dueDate").check(); // "Set due date", which defaults to now
        ops.button("Retry").click();
        ops.button("OK").click();

        Await.until("the joiner request of " + mia.id() + " ended after the retry", () -> requestEnded(mia, "joiner"));
        assertThat(runtimeService.createIncidentQuery().processInstanceId(instanceId).count()).isZero();
        assertThat(TARGETS).allSatisfy(target -> assertThat(account(target, mia)).as(target).isPresent());
    }

    @Test
    void opsReadsTheRequestSummaryInCockpitWithoutTheMigrationBannerAndWithoutButtonsTheyCannotUse() {
        Employee ascii = newEmployee("Zoe", "OBrien");
        Employee zoe = new Employee(ascii.id(), "Zoë", "O'Brien", ascii.email());
        String instanceId = joinerWaitingForManager(zoe, "Finance", "Accountant");

        Person ops = cockpit("ops");
        Locator summary = openVariablesTab(ops, instanceId);
        summary.scrollIntoViewIfNeeded(); // the variables are listed by name, the summary below the fold
        ops.screenshot("cockpit-request-summary");

        PlaywrightAssertions.assertThat(summary).containsText("Joiner Zoë O'Brien (" + zoe.id() + "), start "
                + LocalDate.now() + ", Finance / Accountant, manager ");
        assertThat(ops.page().locator(".ce-eol-banner").count()).as("Cockpit renders its Camunda 8 banner").isEqualTo(1);
        PlaywrightAssertions.assertThat(ops.page().locator(".ce-eol-banner")).isHidden();
        PlaywrightAssertions.assertThat(ops.page().locator("html.jmlflow-read-only")).hasCount(1);
        assertThat(ops.page().locator("button[ng-click^='enableEditMode']").count()).as("edit buttons rendered").isPositive();
        assertAllHidden(ops, "button[ng-click^='enableEditMode']", "button[ng-click^='deleteVariable']",
                ".ctn-toolbar a:has(> .glyphicon-remove)", ".ctn-toolbar a:has(> .glyphicon-plus)");
    }

    @Test
    void anAdminKeepsTheEditButtonsInCockpitButNotTheMigrationBanner() {
        Employee max = newEmployee("Max", "Weber");
        String instanceId = joinerWaitingForManager(max, "Finance", "Accountant");

        Person admin = cockpit("admin");
        openVariablesTab(admin, instanceId);

        PlaywrightAssertions.assertThat(admin.page().locator("button[ng-click^='enableEditMode']").first()).isVisible();
        PlaywrightAssertions.assertThat(admin.page().locator(".ctn-toolbar a:has(> .glyphicon-remove)").first()).isVisible();
        PlaywrightAssertions.assertThat(admin.page().locator(".ce-eol-banner")).isHidden();
    }

    /** Opens the instance's variables tab and returns the cell holding its request summary once it shows. */
    private static Locator openVariablesTab(Person person, String instanceId) {
        person.navigate("/camunda/app/cockpit/default/#/process-instance/" + instanceId + "/runtime?tab=variables-tab");
        Locator summary = person.page().locator("tr").filter(new Locator.FilterOptions().setHasText("requestSummary")).first();
        summary.waitFor();
        return summary;
    }

    private static void assertAllHidden(Person person, String... selectors) {
        for (String selector : selectors) {
            Locator elements = person.page().locator(selector);
            for (int i = 0; i < elements.count(); i++) {
                PlaywrightAssertions.assertThat(elements.nth(i)).isHidden();
            }
        }
    }

    /**
     * The job executor makes the first attempt; the retry cycle would space the next ones minutes apart, so the test
     * runs each due retry itself until the engine turns the last failure into an incident.
     */
    private Incident retriesExhaustedUntilIncident(String instanceId) {
        Await.until("a failed SCIM job in " + instanceId, () -> failedJob(instanceId).isPresent()
                || runtimeService.createIncidentQuery().processInstanceId(instanceId).count() > 0);
        return Await.value("an incident in " + instanceId, () -> {
            Optional<Incident> incident = Optional.ofNullable(
                    runtimeService.createIncidentQuery().processInstanceId(instanceId).singleResult());
            if (incident.isEmpty()) {
                failedJob(instanceId).ifPresent(job -> {
                    try {
                        managementService.executeJob(job.getId());
                    } catch (RuntimeException expected) {
                        // the outage: the engine counts the failed attempt down
                    }
                });
            }
            return incident;
        });
    }

    private Optional<Job> failedJob(String instanceId) {
        return managementService.createJobQuery().processInstanceId(instanceId).withException().withRetriesLeft()
                .list().stream().findFirst();
    }
}
