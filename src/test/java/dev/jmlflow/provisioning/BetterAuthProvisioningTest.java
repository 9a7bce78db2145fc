package dev.jmlflow.provisioning;

import dev.jmlflow.testpeers.BetterAuthPeer;
import dev.jmlflow.testpeers.ScimPeer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provisioning contract against Better Auth's SCIM plugin, with the link store on H2 and on PostgreSQL. */
class BetterAuthProvisioningTest extends ProvisioningContractOnBothDatabases {

    @RegisterExtension
    static final BetterAuthPeer peer = BetterAuthPeer.shared();

    @Override
    ScimPeer peer() {
        return peer;
    }
}
