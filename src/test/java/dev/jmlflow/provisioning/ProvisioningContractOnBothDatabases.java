package dev.jmlflow.provisioning;

import dev.jmlflow.postgres.NativePostgres;
import dev.jmlflow.testpeers.ScimPeer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The provisioning contract against one SCIM peer, with the link store on H2 and on the real PostgreSQL. A subclass
 * names its peer (registered as a static extension, so the peer starts once for both databases).
 */
abstract class ProvisioningContractOnBothDatabases {

    abstract ScimPeer peer();

    @Nested
    class OnH2 extends ProvisioningContract {
        @Override
        ScimPeer peer() {
            return ProvisioningContractOnBothDatabases.this.peer();
        }

        @Override
        TestDatabase database() {
            return TestDatabase.H2;
        }
    }

    @Nested
    @ExtendWith(NativePostgres.class)
    class OnPostgres extends ProvisioningContract {
        @Override
        ScimPeer peer() {
            return ProvisioningContractOnBothDatabases.this.peer();
        }

        @Override
        TestDatabase database() {
            return TestDatabase.POSTGRES;
        }
    }
}
