package dev.jmlflow.provisioning;

import dev.jmlflow.testpeers.ScimPeer;
import dev.jmlflow.testpeers.ScimSdkPeer;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScimSdkLenientProvisioningTest extends ProvisioningContract {

    @RegisterExtension
    static final ScimSdkPeer peer = ScimSdkPeer.lenient();

    @Override
    ScimPeer peer() {
        return peer;
    }
}
