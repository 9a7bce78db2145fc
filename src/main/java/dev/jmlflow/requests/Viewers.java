package dev.jmlflow.requests;

import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import dev.jmlflow.security.BasicAuthentication;
import dev.jmlflow.security.BasicAuthentication.Caller;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.stereotype.Component;

/**
 * Who is looking at the request view: the user of the Camunda webapp session (the one Tasklist uses), else the
 * user of valid HTTP Basic credentials (for scripts). Empty when neither is there.
 */
@Component
class Viewers {

    private final BasicAuthentication basic;

    Viewers(BasicAuthentication basic) {
        this.basic = basic;
    }

    Optional<Caller> of(HttpServletRequest request) {
        return fromSession(request.getSession(false)).or(() -> basic.authenticate(request));
    }

    private static Optional<Caller> fromSession(HttpSession session) {
        Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        return authentications == null ? Optional.empty() : authentications.getAuthentications().stream()
                .map(user -> new Caller(user.getIdentityId(),
                        user.getGroupIds() == null ? Set.of() : Set.copyOf(user.getGroupIds())))
                .findFirst();
    }
}
