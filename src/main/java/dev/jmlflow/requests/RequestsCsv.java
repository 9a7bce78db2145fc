package dev.jmlflow.requests;

import java.time.Instant;
import java.util.List;

/** The request view as CSV: the list of requests, and one request's evidence line by line. */
final class RequestsCsv {

    private static final List<String> LIST = List.of("request_id", "process", "employee_id", "employee", "state",
            "requested_by", "started", "ended");
    private static final List<String> EVIDENCE = List.of("request_id", "process", "employee_id", "app", "step",
            "detail", "result", "by", "started", "ended");

    private RequestsCsv() {
    }

    static String list(List<RequestSummary> requests) {
        return Csv.of(LIST, requests.stream().map(request -> List.of(request.id(), request.process(),
                request.employeeId(), request.employee(), request.state(), request.requester(), time(request.started()),
                time(request.ended()))).toList());
    }

    static String detail(Requests.Detail detail) {
        RequestSummary request = detail.summary();
        return Csv.of(EVIDENCE, detail.evidence().stream().map(line -> List.of(request.id(), request.process(),
                request.employeeId(), line.app(), line.step(), line.detail(), line.result(), line.by(),
                time(line.started()), time(line.ended()))).toList());
    }

    /** ISO 8601 in UTC, as auditors' tools read it. */
    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
