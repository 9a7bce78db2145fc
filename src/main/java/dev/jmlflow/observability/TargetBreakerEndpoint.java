package dev.jmlflow.observability;

import java.net.URI;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import dev.jmlflow.security.BasicAuthentication;
import dev.jmlflow.security.BasicAuthentication.Caller;
import dev.jmlflow.policy.JmlflowGroups;
import dev.jmlflow.targets.BreakerState;
import dev.jmlflow.targets.CircuitBreaker;
import dev.jmlflow.targets.Target;
import dev.jmlflow.targets.TargetRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * How ops close a target's circuit breaker after a fix, or force it open (planned maintenance, a leaked token):
 * {@code POST /api/targets/{name}/breaker} {@code {"state": "closed" | "open", "reason": "..."}} (reason optional),
 * for members of {@value JmlflowGroups#IT_OPS} (HTTP Basic, Camunda users). 200 with the breaker's state; 400 when
 * {@code state} is neither; 401 without valid credentials; 403 outside it-ops; 404 for an unknown target.
 */
@RestController
class TargetBreakerEndpoint {

    record Change(String state, String reason) {
    }

    record Breaker(String target, String state, String reason, String changedBy) {
    }

    private final BasicAuthentication authentication;
    private final TargetRegistry targets;

    TargetBreakerEndpoint(BasicAuthentication authentication, TargetRegistry targets) {
        this.authentication = authentication;
        this.targets = targets;
    }

    @PostMapping(path = "/api/targets/{name}/breaker", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> change(@PathVariable String name, @RequestBody(required = false) Change body, HttpServletRequest request) {
        Optional<Caller> caller = authentication.authenticate(request);
        if (caller.isEmpty()) {
            HttpHeaders challenge = new HttpHeaders();
            challenge.set(HttpHeaders.WWW_AUTHENTICATE, BasicAuthentication.challengeHeader());
            return problem(HttpStatus.UNAUTHORIZED, "HTTP Basic credentials of a jmlflow user are required", request, challenge);
        }
        if (!caller.get().isMemberOf(JmlflowGroups.IT_OPS)) {
            return problem(HttpStatus.FORBIDDEN, "Only members of group " + JmlflowGroups.IT_OPS
                    + " may open or close a circuit breaker", request, HttpHeaders.EMPTY);
        }
        Optional<CircuitBreaker> breaker = targets.names().contains(name) ? targets.get(name).breaker() : Optional.empty();
        if (breaker.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "No target named " + name + "; configured targets: "
                    + String.join(", ", targets.names()), request, HttpHeaders.EMPTY);
        }
        String state = body == null ? null : body.state();
        String by = caller.get().userId();
        if ("closed".equals(state)) {
            breaker.get().close("closed by " + by);
        } else if ("open".equals(state)) {
            String reason = body.reason() == null || body.reason().isBlank() ? "forced open" : body.reason().strip();
            breaker.get().forceOpen(reason + " (by " + by + ")");
        } else {
            return problem(HttpStatus.BAD_REQUEST, "state: must be \"open\" or \"closed\"", request, HttpHeaders.EMPTY);
        }
        BreakerState now = breaker.get().state();
        return ResponseEntity.ok(new Breaker(name, now.open() ? "open" : "closed", now.reason(), by));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, HttpServletRequest request,
            HttpHeaders headers) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).headers(headers).body(problem);
    }
}
