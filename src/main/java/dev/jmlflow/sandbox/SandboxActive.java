package dev.jmlflow.sandbox;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches exactly when {@link SandboxMode} is on: no target configured by the operator. */
class SandboxActive implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return context.getEnvironment() instanceof ConfigurableEnvironment environment && SandboxMode.detect(environment).active();
    }
}
