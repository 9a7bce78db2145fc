package dev.jmlflow.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Engine settings the authorization model depends on. They are set in code, not in application.yml, because
 * the grants made by {@link IdentitySetup} and {@link RequesterAuthorizationProvider} mean nothing without them.
 */
class SecurityEnginePlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // history is authorized per instance, so HR can read the history of their own requests and no other
        configuration.setEnableHistoricInstancePermissions(true);
        configuration.setResourceAuthorizationProvider(new RequesterAuthorizationProvider());
    }
}
