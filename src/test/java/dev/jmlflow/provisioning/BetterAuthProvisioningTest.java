package dev.jmlflow.provisioning;

import dev.jmlflow.testpeers.BetterAuthPeer;
import dev.jmlflow.testpeers.ScimPeer;
import org.junit.jupiter.api.extension.RegisterExtension;

class BetterAuthProvisioningTest extends ProvisioningContract {

    @RegisterExtension
    static final BetterAuthPeer peer = BetterAuthPeer.shared();

    @Override
    ScimPeer peer() {
        return peer;
    }
}
