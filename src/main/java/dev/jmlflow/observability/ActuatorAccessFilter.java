package dev.jmlflow.observability;

import java.io.IOException;
import java.security.Principal;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import dev.jmlflow.security.BasicAuthentication;
import dev.jmlflow.security.BasicAuthentication.Caller;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /actuator}: health and info are public (health shows details only to ops), everything else
 * (metrics, prometheus, env, ...) needs HTTP Basic credentials of a Camunda user in group {@value #OPS_GROUP}.
 * Passwords are checked by Camunda's identity service ({@link BasicAuthentication}).
 * An authenticated request carries the user as principal and their Camunda groups as roles, which is what
 * {@code management.endpoint.health.show-details=when-authorized} with {@code roles=it-ops} reads.
 */
final class ActuatorAccessFilter extends OncePerRequestFilter {

    static final String OPS_GROUP = "it-ops";

    private final BasicAuthentication authentication;

    ActuatorAccessFilter(IdentityService identityService) {
        this.authentication = new BasicAuthentication(identityService);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean open = path.equals("/actuator/health") || path.startsWith("/actuator/health/") || path.equals("/actuator/info");
        Optional<Caller> caller = authentication.authenticate(request);
        if (caller.isPresent() && (open || caller.get().groups().contains(OPS_GROUP))) {
            chain.doFilter(new CallerRequest(request, caller.get()), response);
        } else if (open) {
            chain.doFilter(request, response);
        } else if (caller.isPresent()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Only members of group " + OPS_GROUP + " may use this endpoint");
        } else {
            BasicAuthentication.challenge(response);
        }
    }

    private static final class CallerRequest extends HttpServletRequestWrapper {
        private final Caller caller;

        CallerRequest(HttpServletRequest request, Caller caller) {
            super(request);
            this.caller = caller;
        }

        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public String getRemoteUser() {
            return caller.userId();
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.groups().contains(role);
        }

        @Override
        public String getAuthType() {
            return HttpServletRequest.BASIC_AUTH;
        }
    }
}
