package dev.jmlflow.e2e;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import dev.jmlflow.sandbox.scimserver.SandboxScimServer;
import dev.jmlflow.sandbox.scimserver.SandboxTenant;
import dev.jmlflow.sandbox.scimserver.StoredGroup;
import dev.jmlflow.sandbox.scimserver.StoredUser;
import dev.jmlflow.sandbox.SandboxCredentials;

/**
 * The whole app on a random port in sandbox mode: real Tasklist and Cockpit in Debian's Chromium, the real processes
 * and forms, the job executor running, and the in-app SCIM-SDK server as the three targets. The engine is only read
 * here, to find a task's link or to check an outcome; everything a person does goes through the browser.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // the webapps find the engine by its name "default" in a JVM-wide registry
abstract class BrowserJourney {

    static final List<String> TARGETS = List.of("coralogix", "cortex", "coginiti");

    @LocalServerPort
    int port;
    @Autowired
    SandboxCredentials credentials;
    @Autowired
    SandboxScimServer sandbox;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    ManagementService managementService;
    @Autowired
    IdentityService identityService;

    final Screenshots screenshots = new Screenshots(getClass());
    private final List<Person> people = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        people.forEach(Person::close);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** A demo user logged in to Tasklist in a browser window of their own. */
    Person tasklist(String userId) {
        return logIn("tasklist", userId);
    }

    Person cockpit(String userId) {
        return logIn("cockpit", userId);
    }

    private Person logIn(String app, String userId) {
        Person person = Person.logIn(baseUrl(), app, userId, credentials.passwordOf(userId), screenshots);
        people.add(person);
        return person;
    }

    /** A fresh employee, so journeys never see each other's requests. */
    static Employee newEmployee(String givenName, String familyName) {
        String id = "E" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        return new Employee(id, givenName, familyName,
                (givenName + "." + familyName + "." + id + "@example.com").toLowerCase());
    }

    record Employee(String id, String givenName, String familyName, String email) {

        /** How the start forms' pickers name the person. */
        String shownAs() {
            return givenName + " " + familyName + " (" + id + ")";
        }
    }

    /**
     * HR fills the joiner start form in Tasklist, picking the manager by the name the list shows (e.g.
     * "Max Lind (manager1)"); the start date is today.
     */
    void hrStartsJoiner(Person hr, Employee employee, String department, String jobTitle, String manager,
            String requestedGroups) {
        hr.startProcess("Joiner")
                .fill("Employee ID", employee.id())
                .fill("Given name", employee.givenName())
                .fill("Family name", employee.familyName())
                .fill("Work email", employee.email())
                .fill("Department", department)
                .fill("Job title", jobTitle)
                .pick("Manager", manager)
                .fillDate("Start date", LocalDate.now())
                .fill("Extra groups (optional)", requestedGroups);
    }

    /** The open task of the request for the employee with this definition key and assignee/candidate user. */
    Task awaitTask(Employee employee, String taskKey, String userId) {
        return Await.value(taskKey + " task for " + userId + " on the request of " + employee.id(),
                () -> taskService.createTaskQuery().processInstanceBusinessKey(employee.id())
                        .taskDefinitionKey(taskKey).active().list().stream()
                        .filter(task -> userId.equals(task.getAssignee())
                                || taskService.createTaskQuery().taskId(task.getId()).taskCandidateUser(userId).count() > 0)
                        .findFirst());
    }

    /** A person opens the approval by its link (the one in the mail) and returns what its form shows. */
    String opensApproval(Person approver, Task task, String step) {
        approver.openTask(task.getId()).claimIfOffered().awaitTaskForm();
        approver.page().getByText("Approve this access").waitFor();
        approver.screenshot(step);
        return approver.text(".fjs-form");
    }

    /** The open approval's decision, submitted with Complete; waits until the engine has the task done. */
    void decides(Person approver, Task task, boolean approve) {
        approver.check(approve ? "Approve this access" : "Reject it");
        approver.clickComplete();
        Await.until("task " + task.getId() + " completed by " + approver.userId(),
                () -> taskService.createTaskQuery().taskId(task.getId()).count() == 0);
    }

    /**
     * Precondition for the mover, leaver and ops journeys: a joiner started by HR and approved by manager1 through
     * the engine API (the joiner journey itself is proved in the browser elsewhere). Returns the instance id.
     */
    String joinerApprovedByManager(Employee employee, String department, String jobTitle) {
        String instanceId = joinerWaitingForManager(employee, department, jobTitle);
        Task approval = awaitTask(employee, "approveAccess", "manager1");
        as("manager1", List.of("managers"), () -> {
            taskService.complete(approval.getId(), Map.of("approved", true));
            return null;
        });
        return instanceId;
    }

    /** A joiner started by HR through the engine API, waiting for manager1's approval. Returns the instance id. */
    String joinerWaitingForManager(Employee employee, String department, String jobTitle) {
        return as("hr", List.of("hr"), () -> runtimeService.startProcessInstanceByKey("joiner",
                employee.id(), Map.of("employeeId", employee.id(), "givenName", employee.givenName(),
                        "familyName", employee.familyName(), "email", employee.email(), "department", department,
                        "jobTitle", jobTitle, "managerId", "manager1", "startDate", LocalDate.now().toString()))
                .getId());
    }

    /** A joiner approved and provisioned: accounts on every target. */
    void provisionedJoiner(Employee employee, String department, String jobTitle) {
        joinerApprovedByManager(employee, department, jobTitle);
        Await.until("the joiner request of " + employee.id() + " ended", () -> requestEnded(employee, "joiner"));
        TARGETS.forEach(target -> Await.until("an account for " + employee.id() + " on " + target,
                () -> account(target, employee).isPresent()));
    }

    private <T> T as(String userId, List<String> groups, Supplier<T> work) {
        identityService.setAuthentication(userId, groups);
        try {
            return work.get();
        } finally {
            identityService.clearAuthentication();
        }
    }

    boolean requestEnded(Employee employee, String processKey) {
        return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(processKey)
                .processInstanceBusinessKey(employee.id()).finished().count() > 0;
    }

    SandboxTenant tenant(String name) {
        return sandbox.tenant(name);
    }

    Optional<StoredUser> account(String target, Employee employee) {
        return tenant(target).users().stream().filter(user -> employee.email().equalsIgnoreCase(user.userName()))
                .findFirst();
    }

    /** Display names of the groups on the target that hold the employee's account. */
    List<String> groupsOf(String target, Employee employee) {
        return account(target, employee).map(user -> tenant(target).groups().stream()
                .filter(group -> group.memberIds().contains(user.id()))
                .map(StoredGroup::displayName).sorted().toList())
                .orElse(List.of());
    }
}
