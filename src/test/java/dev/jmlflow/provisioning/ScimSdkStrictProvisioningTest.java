package dev.jmlflow.provisioning;

import dev.jmlflow.postgres.NativePostgres;
import dev.jmlflow.testpeers.ScimSdkPeer;
import dev.jmlflow.testpeers.ScimPeer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provisioning contract against SCIM-SDK in strict mode, with the link store on H2 and on PostgreSQL. */
class ScimSdkStrictProvisioningTest {

    @RegisterExtension
    static final ScimSdkPeer peer = ScimSdkPeer.strict();

    @Nested
    class OnH2 extends ProvisioningContract {
        @Override
        ScimPeer peer() {
            return peer;
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
            return peer;
        }

        @Override
        TestDatabase database() {
            return TestDatabase.POSTGRES;
        }
    }
}
