package dev.jmlflow.provisioning;

import dev.jmlflow.testpeers.ScimSdkPeer;
import dev.jmlflow.testpeers.ScimPeer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provisioning contract against SCIM-SDK in lenient mode, with the link store on H2 and on PostgreSQL. */
class ScimSdkLenientProvisioningTest extends ProvisioningContractOnBothDatabases {

    @RegisterExtension
    static final ScimSdkPeer peer = ScimSdkPeer.lenient();

    @Override
    ScimPeer peer() {
        return peer;
    }
}
