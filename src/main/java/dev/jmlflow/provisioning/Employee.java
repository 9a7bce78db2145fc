package dev.jmlflow.provisioning;

/** The person as HR describes them; {@code userName} is the email and becomes SCIM {@code userName}. */
public record Employee(String employeeId, String userName, String givenName, String familyName,
                       String department, String jobTitle, String managerId) {
}
