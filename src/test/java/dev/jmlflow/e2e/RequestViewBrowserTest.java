package dev.jmlflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.policy.JmlflowGroups;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** HR follows a joiner on the request view, from Tasklist's header link, and sees nobody else's requests. */
class RequestViewBrowserTest extends BrowserJourney {

    private static final String OTHER_HR = "hr-b";
    private static final String OTHER_PASSWORD = "Heron-Quartz-73!";

    @Test
    void hrFollowsAJoinerFromWaitingForTheManagerToDoneWithWhatWasDoneInEachApp() {
        Employee ada = newEmployee("Ada", "Byron");
        Person hr = tasklist("hr");
        hrStartsJoiner(hr, ada, "Finance", "Accountant", "Max Lind (manager1)", "");
        hr.clickStart();
        hr.awaitProcessStarted();
        Task approval = awaitTask(ada, "approveAccess", "manager1");

        hr.page().locator("a.jmlflow-requests-link").click();
        hr.page().locator("#requests").waitFor();
        assertThat(hr.text("#requests")).contains("joiner " + ada.id(), "Ada Byron", "waiting for approval by Max Lind");
        hr.screenshot("requests-waiting");

        decides(tasklist("manager1").openTask(approval.getId()).claimIfOffered().awaitTaskForm(), approval, true);
        Await.until("the joiner request of " + ada.id() + " ended", () -> requestEnded(ada, "joiner"));

        hr.page().getByText("joiner " + ada.id()).click();
        hr.page().locator("#state").waitFor();
        assertThat(hr.text("#state")).isEqualTo("done");
        String page = hr.text("body");
        assertThat(page).contains("Requested by Hanna Reyes", "approved (manager)", "Max Lind");
        TARGETS.forEach(target -> assertThat(page).contains("App " + target));
        assertThat(page).contains("account created").contains("added to group").doesNotContain("failed");
        hr.screenshot("request-evidence");
    }

    @Test
    void anHrUserCannotSeeAnotherHrUsersRequestInTheListNorByItsAddress() {
        Employee grace = newEmployee("Grace", "Murray");
        Person hr = tasklist("hr");
        hrStartsJoiner(hr, grace, "Finance", "Accountant", "Max Lind (manager1)", "");
        hr.clickStart();
        hr.awaitProcessStarted();
        String request = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(grace.id())
                .singleResult().getId();

        try (Person other = Person.logIn(baseUrl(), "tasklist", anotherHrUser(), OTHER_PASSWORD, screenshots)) {
            other.navigate("/requests");
            assertThat(other.text("body")).contains("Logged in as " + OTHER_HR).doesNotContain(grace.id());
            other.navigate("/requests/" + request);
            assertThat(other.text("body")).contains("No such request").doesNotContain(grace.id());
            other.screenshot("other-hr-request-refused");
        }
    }

    private String anotherHrUser() {
        if (identityService.createUserQuery().userId(OTHER_HR).count() == 0) {
            User user = identityService.newUser(OTHER_HR);
            user.setFirstName("Bea");
            user.setLastName("Quill");
            user.setPassword(OTHER_PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(OTHER_HR, JmlflowGroups.HR);
        }
        return OTHER_HR;
    }
}
