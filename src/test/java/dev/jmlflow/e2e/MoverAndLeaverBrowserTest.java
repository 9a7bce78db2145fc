package dev.jmlflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * HR moves and offboards people in Tasklist; the apps follow. Both start from an engineer who joined as a Software
 * Engineer (cortex: engineering; coralogix: observability-viewers; an account without groups on coginiti), a plan
 * without privileged groups, so only the manager approves.
 */
class MoverAndLeaverBrowserTest extends BrowserJourney {

    @Test
    void moverApprovedByTheNewManagerGainsTheNewGroupAndLosesTheOldOne() {
        Employee grace = newEmployee("Grace", "Hopper");
        provisionedJoiner(grace, "Engineering", "Software Engineer");

        Person hr = tasklist("hr");
        hr.startProcess("Mover")
                .pick("Employee", grace.shownAs())
                .fill("New department", "Site Reliability")
                .fill("New job title", "Staff Engineer")
                .pick("New manager", "Mira Okafor (manager2)")
                .fillDate("Effective date", LocalDate.now());
        hr.screenshot("mover-start-form");
        hr.clickStart();
        hr.awaitProcessStarted();

        Task approval = awaitTask(grace, "approveAccess", "manager2");
        Person newManager = tasklist("manager2");
        assertThat(opensApproval(newManager, approval, "mover-approval"))
                .as("the new manager sees the addition and the removal, in words")
                .contains("Approve access for Grace Hopper (" + grace.id() + ")")
                .contains("Site Reliability", "Staff Engineer")
                .contains("add service-owners", "remove engineering")
                .doesNotContain("{", "\"target\"", "[");
        decides(newManager, approval, true);

        Await.until("the mover request of " + grace.id() + " ended", () -> requestEnded(grace, "mover"));
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("mover")
                .processInstanceBusinessKey(grace.id()).singleResult().getEndActivityId())
                .isEqualTo("EndEvent_ChangeApplied");
        assertThat(historyService.createHistoricTaskInstanceQuery().processDefinitionKey("mover")
                .processInstanceBusinessKey(grace.id()).list())
                .extracting(HistoricTaskInstance::getAssignee).as("only the new manager approved")
                .containsExactly("manager2");
        assertThat(groupsOf("cortex", grace)).containsExactly("service-owners");
        assertThat(groupsOf("coralogix", grace)).containsExactly("observability-viewers");
        assertThat(groupsOf("coginiti", grace)).isEmpty();

        hr.navigate("/sandbox");
        assertThat(membersShownFor(hr, "service-owners")).contains(grace.email());
        assertThat(membersShownFor(hr, "engineering")).doesNotContain(grace.email());
        hr.screenshot("sandbox-after-mover");
    }

    @Test
    void theMoverFormSaysWhoseRoleChangesBeforeSubmit() {
        Employee alan = newEmployee("Alan", "Turing");
        provisionedJoiner(alan, "Engineering", "Software Engineer");

        Person hr = tasklist("hr");
        hr.startProcess("Mover").pick("Employee", alan.shownAs());

        assertThat(hr.text(".fjs-form")).contains("You are changing the role of " + alan.shownAs()
                + ", now Software Engineer in Engineering, managed by manager1.");
    }

    @Test
    void theLeaverFormNamesThePersonAndTheAppsBeforeSubmit() {
        Employee zoe = new Employee(newEmployee("Zoë", "O'Brien").id(), "Zoë", "O'Brien",
                "zoe.o'brien+" + System.nanoTime() + "@example.com");
        provisionedJoiner(zoe, "Engineering", "Software Engineer");

        Person hr = tasklist("hr");
        hr.startProcess("Leaver");
        assertThat(hr.text(".fjs-form")).as("nothing is said before a pick")
                .contains("Pick the employee to see whose access is removed");
        hr.pick("Employee", zoe.shownAs());

        assertThat(hr.text(".fjs-form")).contains("You are removing access for " + zoe.shownAs() + " from 3 apps.");
        hr.screenshot("leaver-names-the-person");
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("leaver")
                .processInstanceBusinessKey(zoe.id()).count()).as("nothing is started by picking").isZero();
    }

    @Test
    void immediateLeaverDeactivatesEveryAccountAndRemovesItsGroupsWithoutAnyApproval() {
        Employee linus = newEmployee("Linus", "Berg");
        provisionedJoiner(linus, "Engineering", "Software Engineer");

        Person hr = tasklist("hr");
        hr.startProcess("Leaver")
                .pick("Employee", linus.shownAs())
                .fillDate("Last working day", LocalDate.now())
                .check("Cut access immediately (do not wait for the end of the last day)")
                .fill("Reason", "Resigned; access to be removed today");
        hr.screenshot("leaver-start-form");
        hr.clickStart();
        hr.awaitProcessStarted();

        // the request itself stays open for the retention period before deletion; access is gone long before
        for (String target : TARGETS) {
            Await.until(linus.id() + " deactivated and out of all groups on " + target,
                    () -> account(target, linus).map(account -> !account.active()).orElse(false)
                            && groupsOf(target, linus).isEmpty());
        }
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(linus.id()).count())
                .as("no approval or other task held the leaver up").isZero();

        hr.navigate("/sandbox");
        assertThat(hr.page().locator("tr").filter(new Locator.FilterOptions().setHasText(linus.email()))
                .allInnerTexts())
                .as("the sandbox page shows one inactive account per app, and the account in no group")
                .hasSize(TARGETS.size())
                .allSatisfy(row -> assertThat(row).startsWith(linus.email() + "\t" + linus.id() + "\tno"));
        hr.screenshot("sandbox-after-leaver");
    }

    /** The members column of a group's row on the sandbox page. */
    private static String membersShownFor(Person person, String group) {
        Locator groupCell = person.page().getByRole(AriaRole.CELL, new Page.GetByRoleOptions().setName(group).setExact(true));
        return person.page().locator("tr").filter(new Locator.FilterOptions().setHas(groupCell))
                .locator("td").nth(1).innerText();
    }
}
