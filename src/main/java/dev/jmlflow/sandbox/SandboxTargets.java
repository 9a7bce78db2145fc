package dev.jmlflow.sandbox;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.jmlflow.sandbox.scimserver.SandboxScimServer;
import dev.jmlflow.sandbox.scimserver.TenantOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the in-app SCIM server and publishes its tenants as ordinary {@code jmlflow.targets.*} settings (in the
 * property source {@link SandboxMode#SANDBOX_PROPERTY_SOURCE}), so the sandbox runs through exactly the code a real
 * deployment uses: target validation, Feign clients, rate limits, probes, metrics. It is a bean factory
 * post-processor so that this happens before any bean binds the target settings. Each tenant gets a random token
 * per start, which is never logged or shown.
 */
final class SandboxTargets implements BeanFactoryPostProcessor, DisposableBean {

    static final String SERVER_BEAN = "sandboxScimServer";

    private static final Logger log = LoggerFactory.getLogger(SandboxTargets.class);
    private static final SecureRandom random = new SecureRandom();

    private final ConfigurableEnvironment environment;
    private SandboxScimServer server;

    SandboxTargets(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        Map<String, String> tokens = new LinkedHashMap<>();
        SandboxTenants.ALL.forEach(tenant -> tokens.put(tenant.name(), newToken()));
        server = SandboxScimServer.start(new SandboxScimServer.Options(0, SandboxTenants.ALL.stream()
                .map(tenant -> new TenantOptions(tenant.name(), tokens.get(tenant.name()), tenant.profile(), tenant.groups()))
                .toList()));
        Map<String, Object> targets = new LinkedHashMap<>();
        SandboxTenants.ALL.forEach(tenant -> {
            String key = "jmlflow.targets." + tenant.name() + ".";
            targets.put(key + "dialect", tenant.name());
            targets.put(key + "base-url", server.baseUrl(tenant.name()));
            targets.put(key + "token", tokens.get(tenant.name()));
        });
        // last: it only ever fills the gap left by an operator who configured no target at all
        environment.getPropertySources().addLast(new MapPropertySource(SandboxMode.SANDBOX_PROPERTY_SOURCE, targets));
        beanFactory.registerSingleton(SERVER_BEAN, server);
        log.warn(banner());
    }

    @Override
    public void destroy() {
        if (server != null) {
            server.stop();
        }
    }

    private String banner() {
        String rule = "#".repeat(72);
        StringBuilder text = new StringBuilder(System.lineSeparator()).append(rule).append(System.lineSeparator())
                .append("  SANDBOX: no jmlflow.targets configured; provisioning goes to the in-app SCIM server,")
                .append(System.lineSeparator()).append("  never to a real SaaS app. Sandbox targets:").append(System.lineSeparator());
        SandboxTenants.ALL.forEach(tenant -> text.append(String.format("    %-10s %s (%s)%n", tenant.name(),
                server.baseUrl(tenant.name()), String.join(", ", tenant.groups()))));
        text.append("  Accounts and groups: /sandbox (log in to Tasklist first)").append(System.lineSeparator());
        if (SandboxMailActive.catchesMail(environment)) {
            text.append("  Mails the app sent: /sandbox/mail (caught in-app, never delivered)").append(System.lineSeparator());
        }
        return text.append(rule).toString();
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "sandbox-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
