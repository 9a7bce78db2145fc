package dev.jmlflow.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jmlflow.provisioning.Employee;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HR, or someone with HR's credentials, starts requests over {@code /engine-rest} with forged variables, a reused
 * employee id and hostile field values. Each attempt answers 400 naming the field (by its form label, or the
 * forged variable by its name), starts no request and changes nothing on any SCIM server.
 */
class StartAttacksTest extends AttackerJourney {

    private static final String HR = "hr.harry";
    private static final String MANAGER = "mgr.mira";
    private static final String TEN_KB = "A".repeat(10 * 1024);
    private static final AtomicInteger EMPLOYEES = new AtomicInteger(1000);

    @BeforeEach
    void people() throws InterruptedException {
        user(HR, "hr");
        engineRestIsUp(HR);
        user(MANAGER, "managers");
        user("hr.other", "hr");
        coralogix.seedGroup("observability-admins");
    }

    @ParameterizedTest(name = "a joiner start that sets {0} is refused naming it")
    @CsvSource({
        "requester,     hr.other",
        "approvalLog,   approved by mgr.mira",
        "accessPlan,    '{\"targets\":[]}'",
        "approvalStage, APP_OWNER",
        "favouriteColour, red"
    })
    void aStartVariableTheStartFormDoesNotDefineIsRefusedNamingIt(String variable, String value) {
        String employeeId = "EF" + EMPLOYEES.incrementAndGet();
        Servers before = servers();
        Map<String, Object> fields = joiner(employeeId, MANAGER);
        fields.put(variable, value);

        HttpResponse<String> response = start(HR, "joiner", fields);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(message(response)).contains(variable);
        assertNoRequestFor(employeeId);
        assertUnchanged(before);
    }

    @Test
    void aJoinerForAnEmployeeIdThatAlreadyHasAccountsIsRefusedNamingTheEmployeeId() {
        Employee existing = new Employee("E5001", "erin.existing@example.com", "Erin", "Existing", "Finance",
                "Accountant", MANAGER);
        APPS.keySet().forEach(app -> provisioning.ensureUser(app, existing));
        Servers before = servers();
        Map<String, Object> typo = joiner("E5001", MANAGER);
        typo.put("givenName", "Tina");
        typo.put("familyName", "Typo");
        typo.put("email", "tina.typo@example.com");
        typo.put("requestedGroups", "coralogix:observability-admins");

        HttpResponse<String> response = start(HR, "joiner", typo);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(message(response)).contains("Employee ID");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("E5001").count()).isZero();
        assertUnchanged(before);
    }

    static Stream<Arguments> hostileJoinerFields() {
        return Stream.of(
                Arguments.of("givenName", "Ann\"a", "Given name", "a quote"),
                Arguments.of("givenName", "Ann\\a", "Given name", "a backslash"),
                Arguments.of("givenName", "Ann\u0007a", "Given name", "a control character"),
                Arguments.of("givenName", "Ann\u202Ea", "Given name", "a right-to-left override"),
                Arguments.of("givenName", "Ann\u200Ba", "Given name", "a zero-width space"),
                Arguments.of("givenName", TEN_KB, "Given name", "10 kB"),
                Arguments.of("familyName", "Smith\u001B[31m", "Family name", "an escape sequence"),
                Arguments.of("familyName", TEN_KB, "Family name", "10 kB"),
                Arguments.of("email", "anna@example.com\nBcc: x@example.com", "Work email", "a newline"),
                Arguments.of("email", "an\"na\"@example.com", "Work email", "quotes"),
                Arguments.of("email", "anna@exam\u202Eple.com", "Work email", "a right-to-left override"),
                Arguments.of("email", TEN_KB + "@example.com", "Work email", "10 kB"),
                Arguments.of("department", "Fin\\ance", "Department", "a backslash"),
                Arguments.of("department", "Finance\u200B", "Department", "a zero-width space"),
                Arguments.of("jobTitle", "Accountant\u202E", "Job title", "a right-to-left override"),
                Arguments.of("jobTitle", TEN_KB, "Job title", "10 kB"),
                Arguments.of("managerId", "nobody", "Manager", "an unknown manager"),
                Arguments.of("managerId", "mgr\"mira", "Manager", "a quote"),
                Arguments.of("startDate", "2020-01-01", "Start date", "a past date"),
                Arguments.of("startDate", "2026-02-30", "Start date", "an impossible date"),
                Arguments.of("startDate", "30.01.2027", "Start date", "not yyyy-MM-dd"),
                Arguments.of("requestedGroups", "nosuchapp:admins", "Extra groups (optional)", "an unknown target"),
                Arguments.of("requestedGroups", "coralogix:no-such-group", "Extra groups (optional)", "an unknown group"),
                Arguments.of("requestedGroups", "coralogix:\"admins\"", "Extra groups (optional)", "a quote"));
    }

    @ParameterizedTest(name = "{0} with {3} is refused with 400 naming {2}")
    @MethodSource("hostileJoinerFields")
    void aHostileJoinerFieldIsRefusedWith400NamingItsLabelAndStartsNothing(String field, String value, String label,
            String what) {
        String employeeId = "EB" + EMPLOYEES.incrementAndGet();
        Servers before = servers();
        Map<String, Object> fields = joiner(employeeId, MANAGER);
        fields.put(field, value);

        HttpResponse<String> response = start(HR, "joiner", fields);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(message(response)).contains(label + ": ").doesNotContain("Cannot instantiate")
                .doesNotContainPattern("(^|[.;] )" + field + ": ");
        assertNoRequestFor(employeeId);
        assertUnchanged(before);
    }

    @ParameterizedTest(name = "a hostile employee id ({1}) is refused with 400 naming Employee ID")
    @CsvSource(delimiter = '|', value = {"E\"1|a quote", "E\\1|a backslash", "E 1|a space"})
    void aHostileEmployeeIdIsRefusedWith400(String employeeId, String what) {
        Servers before = servers();
        Map<String, Object> fields = joiner(employeeId, MANAGER);
        fields.put("email", "hostile.id@example.com"); // the only bad field is the id

        HttpResponse<String> response = start(HR, "joiner", fields);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(message(response)).contains("Employee ID: ").doesNotContain("Work email");
        assertNoRequestFor(employeeId);
        assertUnchanged(before);
    }

    @ParameterizedTest(name = "a leaver whose last day is {1} is refused naming Last working day")
    @CsvSource({"2026-02-30, an impossible date", "2020-01-01, a past date", "tomorrow, not a date"})
    void aLeaverWithABadLastDayIsRefusedWith400(String lastDay, String what) {
        Employee leaving = new Employee("E5101", "lou.leaving@example.com", "Lou", "Leaving", "Finance", "Accountant", MANAGER);
        provisioning.ensureUser("cortex", leaving);
        Servers before = servers();

        HttpResponse<String> response = start(HR, "leaver", Map.of("employeeId", "E5101", "lastDay", lastDay,
                "immediate", false, "reason", "Resigned"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(message(response)).contains("Last working day: ");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("E5101").count()).isZero();
        assertUnchanged(before);
    }

    @Test
    void theSameJoinerWithCleanFieldsStarts() {
        // the control of the corpus: each refusal above is due to its one hostile field
        HttpResponse<String> response = start(HR, "joiner", joiner("E5201", MANAGER));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
