package dev.jmlflow.provisioning;

import dev.jmlflow.testpeers.ScimPeer;
import dev.jmlflow.testpeers.ScimSdkPeer;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScimSdkStrictProvisioningTest extends ProvisioningContract {

    @RegisterExtension
    static final ScimSdkPeer peer = ScimSdkPeer.strict();

    @Override
    ScimPeer peer() {
        return peer;
    }
}
