package dev.jmlflow.requests;

import java.time.Instant;

/**
 * One request as the list shows it.
 *
 * @param id         the process instance id, the request page's address
 * @param process    joiner, mover or leaver
 * @param employeeId the business key
 * @param employee   the person's name, when known
 * @param requester  who started it, by name
 * @param started    when it was started
 * @param ended      when it ended, null while it runs
 * @param state      where it stands, in words ({@link RequestStates})
 */
record RequestSummary(String id, String process, String employeeId, String employee, String requester,
                      Instant started, Instant ended, String state) {
}
