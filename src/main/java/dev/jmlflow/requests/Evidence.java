package dev.jmlflow.requests;

import java.time.Instant;

/**
 * One line of a request's evidence: what was done where and when, with what result and by whom.
 *
 * @param app     the app (target), empty for the request's own steps (requested, approved)
 * @param step    what was done, e.g. "account created", "added to group", "approved (manager)"
 * @param detail  the group, the comment or the failure, may be empty
 * @param started when the step started
 * @param ended   when it ended, null while it runs
 * @param result  done, failed, in progress, approved, rejected
 * @param by      who did it: the requester, the approver, or jmlflow for automatic steps
 */
record Evidence(String app, String step, String detail, Instant started, Instant ended, String result, String by) {
}
