package dev.jmlflow.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic credentials checked against Camunda's users, for jmlflow's own endpoints outside {@code /engine-rest}.
 * Passwords are checked by Camunda's identity service, which also throttles and locks repeated failed logins.
 * Only identifies the caller: it sets no engine authentication, so what the caller may do is the endpoint's decision.
 */
@Component
public final class BasicAuthentication {

    /** An authenticated Camunda user and the ids of their groups. */
    public record Caller(String userId, Set<String> groups) implements Principal {
        @Override
        public String getName() {
            return userId;
        }

        public boolean isMemberOf(String group) {
            return groups.contains(group);
        }
    }

    private final IdentityService identityService;

    public BasicAuthentication(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** The caller whose Basic credentials the request carries, or empty when there are none or they are wrong. */
    public Optional<Caller> authenticate(HttpServletRequest request) {
        return credentials(request).flatMap(this::check);
    }

    /** Answers 401 with the challenge RFC 7235 requires. */
    public static void challenge(HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", challengeHeader());
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }

    /** The value of the {@code WWW-Authenticate} header of a 401. */
    public static String challengeHeader() {
        return "Basic realm=\"jmlflow\", charset=\"UTF-8\"";
    }

    private Optional<Caller> check(String[] credentials) {
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
}
