package dev.jmlflow.targets;

import dev.jmlflow.scim.ScimApi;
import dev.jmlflow.scim.ScimClientConfig;
import dev.jmlflow.scim.ScimClients;
import org.springframework.stereotype.Component;

/** Builds each target's Feign client through {@link ScimClients} (no retries, typed errors, redacted logging). */
@Component
public class FeignScimClientFactory implements ScimClientFactory {

    @Override
    public ScimApi create(String targetName, TargetSettings settings) {
        return ScimClients.create(new ScimClientConfig(settings.resolvedBaseUrl(), settings::token,
                settings.connectTimeout(), settings.readTimeout(), null));
    }
}
