package dev.jmlflow.observability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /actuator}: health and info are public (health shows details only to ops), everything else
 * (metrics, prometheus, env, ...) needs HTTP Basic credentials of a Camunda user in group {@value #OPS_GROUP}.
 * Passwords are checked by Camunda's identity service, which also throttles and locks repeated failed logins.
 * An authenticated request carries the user as principal and their Camunda groups as roles, which is what
 * {@code management.endpoint.health.show-details=when-authorized} with {@code roles=it-ops} reads.
 */
final class ActuatorAccessFilter extends OncePerRequestFilter {

    static final String OPS_GROUP = "it-ops";

    private final IdentityService identityService;

    ActuatorAccessFilter(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean open = path.equals("/actuator/health") || path.startsWith("/actuator/health/") || path.equals("/actuator/info");
        Optional<Caller> caller = credentials(request).flatMap(this::authenticate);
        if (caller.isPresent() && (open || caller.get().groups().contains(OPS_GROUP))) {
            chain.doFilter(new CallerRequest(request, caller.get()), response);
        } else if (open) {
            chain.doFilter(request, response);
        } else if (caller.isPresent()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Only members of group " + OPS_GROUP + " may use this endpoint");
        } else {
            response.setHeader("WWW-Authenticate", "Basic realm=\"jmlflow\", charset=\"UTF-8\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        }
    }

    private record Caller(String userId, Set<String> groups) implements Principal {
        @Override
        public String getName() {
            return userId;
        }
    }

    private Optional<Caller> authenticate(String[] credentials) {
        if (!identityService.checkPassword(credentials[0], credentials[1])) {
            return Optional.empty();
        }
        Set<String> groups = identityService.createGroupQuery().groupMember(credentials[0]).list().stream()
                .map(Group::getId).collect(Collectors.toUnmodifiableSet());
        return Optional.of(new Caller(credentials[0], groups));
    }

    private static Optional<String[]> credentials(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
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
