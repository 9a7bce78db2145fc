package dev.jmlflow.leaver;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import dev.jmlflow.approval.ApprovalRefusedException;
import dev.jmlflow.leaver.ScheduledLeavers.Result;
import dev.jmlflow.security.BasicAuthentication;
import dev.jmlflow.security.BasicAuthentication.Caller;
import dev.jmlflow.policy.JmlflowGroups;
import org.camunda.bpm.engine.exception.NotValidException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How HR cancels or re-dates a scheduled leaver. Camunda's message correlation needs UPDATE on the instance, which
 * would also let HR change variables or skip deprovisioning; this endpoint does exactly these two things instead, for
 * members of {@value JmlflowGroups#HR} (HTTP Basic, Camunda users). Both need a JSON body, so a cross-site form
 * cannot send them with a browser's remembered credentials.
 *
 * <ul>
 * <li>{@code POST /api/leavers/{employeeId}/cancellation} {@code {"reason": "..."}} (reason optional)</li>
 * <li>{@code PUT /api/leavers/{employeeId}/last-day} {@code {"lastDay": "yyyy-MM-dd"}}</li>
 * </ul>
 * 200 when done; 400 for a bad or past date, or one beyond the horizon; 401 without valid credentials; 403 outside HR,
 * or for the leaver's requester or the leaver themself (four eyes); 404 when no leaver runs
 * for the employee; 409 when it no longer waits for its last day (deprovisioning has started).
 */
@RestController
@RequestMapping(path = "/api/leavers/{employeeId}", consumes = MediaType.APPLICATION_JSON_VALUE)
class LeaverChangeEndpoint {

    record Cancellation(String reason) {
    }

    record LastDayChange(String lastDay) {
    }

    /** What was done, for the caller's records. */
    record Changed(String employeeId, String processInstanceId, String change, String by) {
    }

    private final BasicAuthentication authentication;
    private final ScheduledLeavers leavers;

    LeaverChangeEndpoint(BasicAuthentication authentication, ScheduledLeavers leavers) {
        this.authentication = authentication;
        this.leavers = leavers;
    }

    @PostMapping("/cancellation")
    ResponseEntity<?> cancel(@PathVariable String employeeId, @RequestBody(required = false) Cancellation body,
            HttpServletRequest request) {
        String reason = body == null ? null : body.reason();
        return asHr(request, employeeId, "cancelled", user -> leavers.cancel(employeeId, reason, user));
    }

    @PutMapping("/last-day")
    ResponseEntity<?> changeLastDay(@PathVariable String employeeId, @RequestBody LastDayChange body,
            HttpServletRequest request) {
        return asHr(request, employeeId, "last day changed to " + body.lastDay(),
                user -> leavers.changeLastDay(employeeId, body.lastDay(), user));
    }

    private ResponseEntity<?> asHr(HttpServletRequest request, String employeeId, String change,
            Function<String, Result> action) {
        Optional<Caller> caller = authentication.authenticate(request);
        if (caller.isEmpty()) {
            return problem(HttpStatus.UNAUTHORIZED, "HTTP Basic credentials of a jmlflow user are required", request,
                    challenge());
        }
        if (!caller.get().isMemberOf(JmlflowGroups.HR)) {
            return problem(HttpStatus.FORBIDDEN, "Only members of group " + JmlflowGroups.HR
                    + " may cancel or re-date a leaver", request, HttpHeaders.EMPTY);
        }
        Result result;
        try {
            result = action.apply(caller.get().userId());
        } catch (NotValidException e) {
            return problem(HttpStatus.BAD_REQUEST, e.getMessage(), request, HttpHeaders.EMPTY);
        } catch (ApprovalRefusedException e) {
            return problem(HttpStatus.FORBIDDEN, e.getMessage(), request, HttpHeaders.EMPTY);
        }
        return switch (result.outcome()) {
            case DONE -> ResponseEntity.ok(new Changed(employeeId, result.processInstanceId(), change, caller.get().userId()));
            case NO_LEAVER -> problem(HttpStatus.NOT_FOUND, "No leaver request is running for " + employeeId, request, HttpHeaders.EMPTY);
            case NOT_WAITING -> problem(HttpStatus.CONFLICT, "The leaver request for " + employeeId
                    + " no longer waits for the last day (deprovisioning has started, or ops suspended it)", request, HttpHeaders.EMPTY);
        };
    }

    private static HttpHeaders challenge() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, BasicAuthentication.challengeHeader());
        return headers;
    }

    /** An RFC 9457 problem as the body. */
    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, HttpServletRequest request,
            HttpHeaders headers) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).headers(headers).body(problem);
    }
}
