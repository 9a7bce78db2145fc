package dev.jmlflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.regex.Pattern;

import dev.jmlflow.process.EngineRestClient;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

/** HR, the manager and the app owner take a joiner from the start form to accounts in every app. */
class JoinerBrowserTest extends BrowserJourney {

    @Test
    void joinerStartedByHrAndApprovedByManagerAndAppOwnerCreatesTheAccountsAndGroups() {
        Employee ada = newEmployee("Ada", "Lovelace");
        Person hr = tasklist("hr");
        hrStartsJoiner(hr, ada, "Site Reliability", "SRE Lead", "Max Lind (manager1)", "coralogix:observability-admins");
        hr.screenshot("joiner-start-form");
        hr.clickStart();
        hr.awaitProcessStarted();

        Task managerApproval = awaitTask(ada, "approveAccess", "manager1");
        Person manager = tasklist("manager1");
        String plan = opensApproval(manager, managerApproval, "approval-with-plan");
        assertThat(plan)
                .as("the manager sees the plan per target and group, in words")
                .contains("Approve access for Ada Lovelace (" + ada.id() + ")")
                .contains("coralogix", "cortex", "coginiti")
                .contains("add observability-admins (privileged", "add observability-viewers", "add service-owners")
                .doesNotContain("{", "\"target\"", "[");
        decides(manager, managerApproval, true);

        Task ownerApproval = awaitTask(ada, "approveAccess", "appowner");
        Person appOwner = tasklist("appowner");
        assertThat(opensApproval(appOwner, ownerApproval, "app-owner-approval"))
                .contains("observability-admins");
        decides(appOwner, ownerApproval, true);

        Await.until("the joiner request of " + ada.id() + " ended", () -> requestEnded(ada, "joiner"));
        assertThat(account("coralogix", ada)).hasValueSatisfying(account -> {
            assertThat(account.externalId()).isEqualTo(ada.id());
            assertThat(account.active()).isTrue();
        });
        assertThat(account("cortex", ada)).isPresent();
        assertThat(account("coginiti", ada)).isPresent();
        assertThat(groupsOf("coralogix", ada)).containsExactly("observability-admins", "observability-viewers");
        assertThat(groupsOf("cortex", ada)).containsExactly("service-owners");

        hr.navigate("/sandbox");
        assertThat(hr.text("body")).contains(ada.email());
        hr.screenshot("sandbox-after-joiner");
    }

    @Test
    void theManagerIsPickedByNameAndTheRequestStoresTheirUserId() {
        Employee kim = newEmployee("Kim", "Park");
        Person hr = tasklist("hr");
        hrStartsJoiner(hr, kim, "Finance", "Accountant", "Mira Okafor (manager2)", "");
        hr.screenshot("manager-picked-by-name");
        hr.clickStart();
        hr.awaitProcessStarted();

        Task approval = awaitTask(kim, "approveAccess", "manager2");
        assertThat(runtimeService.getVariable(approval.getProcessInstanceId(), "managerId"))
                .as("the form submits the user id behind the name").isEqualTo("manager2");
    }

    @Test
    void badInputIsExplainedOnTheFormAndStartsNoRequest() {
        Employee anna = newEmployee("Anna", "Smith");
        // a manager who leaves the group while HR fills the form: only the server can know
        User nobody = identityService.newUser("nobody");
        nobody.setFirstName("Nora");
        nobody.setLastName("Nobody");
        identityService.saveUser(nobody);
        identityService.createMembership("nobody", "managers");
        Person hr = tasklist("hr");
        try {
            hr.startProcess("Joiner");
        } finally {
            identityService.deleteUser("nobody");
        }
        hr
                .fill("Employee ID", anna.id())
                .fill("Given name", "Ann\"a")
                .fill("Family name", anna.familyName())
                .fill("Work email", "anna.smith-at-example.com")
                .fill("Department", "Finance")
                .fill("Job title", "Accountant")
                .pick("Manager", "Nora Nobody (nobody)")
                .fillDate("Start date", LocalDate.now());
        hr.field("Department").focus(); // leaving the email field shows its check

        assertThat(hr.text("[id$='Field_Email-error-message']")).containsIgnoringCase("email");
        assertThat(hr.text("[id$='Field_GivenName-error-message']")).as("the quote is refused next to the name")
                .isNotBlank();
        assertThat(hr.page().locator("[id$='Field_FamilyName-error-message']").count()).isZero();
        assertThat(hr.button("Start").isDisabled()).as("Start is refused while the email is invalid").isTrue();
        hr.screenshot("invalid-email");

        hr.fill("Given name", anna.givenName()).fill("Work email", anna.email()).clickStart();
        String refusal = hr.awaitNotification(Pattern.compile("The request was not started"));
        assertThat(refusal).as("only the server knows who the managers are")
                .contains("Manager: ", "nobody").doesNotContain("managerId", "Cannot instantiate");
        hr.screenshot("unknown-manager-refused");
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(anna.id()).count())
                .as("no request was started for " + anna.id()).isZero();
        assertThat(historyService.createHistoricVariableInstanceQuery().variableName("employeeId")
                .variableValueEquals("employeeId", anna.id()).count()).isZero();
    }

    @Test
    void aStartDateTypedAsAnIsoDateIsStoredAsTypedAndShownToTheApprover() {
        Employee zoe = new Employee(newEmployee("Zoë", "O'Brien").id(), "Zoë", "O'Brien",
                "zoe.o'brien+" + System.nanoTime() + "@example.com");
        LocalDate startDate = LocalDate.now().plusDays(45);
        Person hr = tasklist("hr");
        hrStartsJoiner(hr, zoe, "Finance", "Accountant", "Max Lind (manager1)", "");
        hr.fill("Start date", startDate.toString()).clickStart();
        hr.awaitProcessStarted();

        Task approval = awaitTask(zoe, "approveAccess", "manager1");
        EngineRestClient rest = new EngineRestClient(port, "manager1", credentials.passwordOf("manager1"));
        assertThat(rest.get("/task/" + approval.getId() + "/variables/startDate").path("value").asText())
                .as("stored over REST as typed").isEqualTo(startDate.toString());
        assertThat(approval.getName()).isEqualTo("Approve access for Zoë O'Brien");
        String form = opensApproval(tasklist("manager1"), approval, "approval-with-context");
        assertThat(form).contains("Requested by: hr", "Start date: " + startDate, "Department: Finance",
                "Job title: Accountant", "Manager: manager1");
    }

    @Test
    void theSandboxMailPageShowsTheAccessReadyMailOfAJoiner() {
        Employee grace = newEmployee("Grace", "Hopper");
        provisionedJoiner(grace, "Engineering", "Software Engineer");

        Person hr = tasklist("hr");
        hr.navigate("/sandbox/mail");
        Locator accessReady = hr.page().locator("tr.mail").filter(new Locator.FilterOptions()
                .setHasText(Pattern.compile("Access ready: .*" + grace.id()))).first();
        PlaywrightAssertions.assertThat(accessReady).containsText("manager1@");
        PlaywrightAssertions.assertThat(accessReady).containsText("is in place");
        hr.screenshot("sandbox-mail");
    }

    @Test
    void theRequesterCannotOpenTheApprovalOfTheirOwnRequestEvenWithItsLink() {
        Employee bob = newEmployee("Bob", "Ross");
        Person hr = tasklist("hr");
        hrStartsJoiner(hr, bob, "Finance", "Accountant", "Max Lind (manager1)", "");
        hr.clickStart();
        hr.awaitProcessStarted();
        Task approval = awaitTask(bob, "approveAccess", "manager1");

        hr.openTask(approval.getId());
        String answer = hr.awaitNotification(Pattern.compile("does not exist"));
        hr.screenshot("own-approval-by-link");

        assertThat(answer).contains(approval.getId());
        assertThat(hr.page().getByText("Approve this access").count()).isZero();
        Task still = taskService.createTaskQuery().taskId(approval.getId()).singleResult();
        assertThat(still).as("the approval is still open").isNotNull();
        assertThat(still.getAssignee()).isEqualTo("manager1");
        assertThat(taskService.getVariableLocal(approval.getId(), "approved")).isNull();
    }
}
