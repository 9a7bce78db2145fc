package dev.jmlflow.employee;

import java.time.LocalDate;

/**
 * One person in the registry. {@code userName} is the email (and SCIM {@code userName}); {@code managerId} is a
 * Camunda user id. {@code lastDay} is set once a leaver removes access.
 */
public record EmployeeRecord(String employeeId, String userName, String givenName, String familyName,
                             String department, String jobTitle, String managerId, EmployeeStatus status,
                             LocalDate startDate, LocalDate lastDay) {

    /** "Zoë O'Brien (E20417)": how the start forms name the person. */
    public String displayName() {
        return givenName + " " + familyName + " (" + employeeId + ")";
    }

    public boolean employed() {
        return status.employed();
    }
}
