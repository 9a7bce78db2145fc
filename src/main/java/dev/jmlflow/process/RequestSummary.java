package dev.jmlflow.process;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.jmlflow.engine.Engine;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The variable {@code requestSummary}: one line a person reads in Cockpit's variables tab instead of decoding the
 * camelCase variables, e.g. "Joiner Zoë O'Brien (E20417), start 2026-12-15, Finance / Accountant, manager Max Lind".
 * Camunda 7.24 CE has no variable labels in Cockpit, so a summary variable is what the webapps allow. It holds only
 * what the start form already holds, never a secret; it is written once, by the start check, after the request passed.
 */
public final class RequestSummary {

    public static final String REQUEST_SUMMARY = "requestSummary";

    private RequestSummary() {
    }

    /** Writes the summary: the request and its person (name and employee id), then the details given (not null) in order. */
    public static void write(DelegateExecution execution, String request, String personName, String... details) {
        String employeeId = RequestVariables.employeeId(execution);
        String person = personName == null || personName.isBlank() ? employeeId : personName + " (" + employeeId + ")";
        execution.setVariable(REQUEST_SUMMARY, Stream.concat(Stream.of(request + " " + person), Arrays.stream(details))
                .filter(Objects::nonNull).collect(Collectors.joining(", ")));
    }

    /** Given and family name, either of them possibly missing. */
    public static String name(String givenName, String familyName) {
        return Stream.of(givenName, familyName).filter(Objects::nonNull).map(String::strip)
                .filter(part -> !part.isEmpty()).collect(Collectors.joining(" "));
    }

    /** "Finance / Accountant", leaving out what is empty; null when both are. */
    public static String role(String department, String jobTitle) {
        String role = Stream.of(department, jobTitle).filter(Objects::nonNull).map(String::strip)
                .filter(part -> !part.isEmpty()).collect(Collectors.joining(" / "));
        return role.isEmpty() ? null : role;
    }

    /** "manager Max Lind": the request's manager by the name Camunda holds for that user, else by user id. */
    public static String manager(DelegateExecution execution) {
        String managerId = RequestVariables.text(execution, RequestVariables.MANAGER_ID);
        if (managerId == null) {
            return null;
        }
        var identity = execution.getProcessEngineServices().getIdentityService();
        String name = Optional.ofNullable(Engine.withoutAuthorization(
                        () -> identity.createUserQuery().userId(managerId).singleResult()))
                .map(user -> name(user.getFirstName(), user.getLastName())).filter(n -> !n.isEmpty()).orElse(managerId);
        return "manager " + name;
    }
}
