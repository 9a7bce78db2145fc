package dev.jmlflow.leaver;

import dev.jmlflow.provisioning.ImmediateLeavers;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * An employee leaves immediately while a leaver request for them with {@code immediate = true} runs. Asked by the
 * mass-change guard only once a target's window is full, so the query is rare.
 */
@Component
public class ImmediateLeaverLookup implements ImmediateLeavers {

    private final RuntimeService runtime;

    public ImmediateLeaverLookup(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public boolean isLeavingImmediately(String employeeId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("leaver")
                .variableValueEquals("employeeId", employeeId).variableValueEquals("immediate", true).count() > 0;
    }
}
