package dev.jmlflow.sandbox;

import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Sandbox mode with no {@code spring.mail.host}: mail is caught in-app. An operator who points a sandbox at an SMTP
 * server (docker-compose's Mailpit) keeps it.
 */
final class SandboxMailActive extends SandboxActive {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return super.matches(context, metadata) && catchesMail(context.getEnvironment());
    }

    /** Whether a sandbox keeps its mail in-app (no SMTP server configured). */
    static boolean catchesMail(Environment environment) {
        return !environment.containsProperty("spring.mail.host");
    }
}
