package dev.jmlflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** HR, the manager and the app owner take a joiner from the start form to accounts in every app. */
class JoinerBrowserTest extends BrowserJourney {

    @Test
    void joinerStartedByHrAndApprovedByManagerAndAppOwnerCreatesTheAccountsAndGroups() {
        Employee ada = newEmployee("Ada", "Lovelace");
        Person hr = tasklist("hr");
        hrStartsJoiner(hr, ada, "Site Reliability", "SRE Lead", "manager1", "coralogix:observability-admins");
        hr.screenshot("joiner-start-form");
        hr.clickStart();
        hr.awaitNotification(Pattern.compile("process has been started"));

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
}
