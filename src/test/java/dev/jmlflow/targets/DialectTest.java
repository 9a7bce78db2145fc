package dev.jmlflow.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.jmlflow.scim.ServiceProviderConfig;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Each dialect's capabilities as its vendor documents them. */
class DialectTest {

    @Test
    void coralogixWritesByPatchOnlyAndHasRegions() {
        DialectCapabilities c = Dialect.CORALOGIX.capabilities();

        assertThat(c.write()).isEqualTo(WriteStrategy.PATCH);
        assertThat(c.reactivate()).isEqualTo(WriteStrategy.PATCH);
        assertThat(c.putSupported()).isFalse();
        assertThat(c.pagingReliable()).isFalse();
        assertThat(Dialect.CORALOGIX.region("eu2")).contains(URI.create("https://ng-api-http.eu2.coralogix.com/scim"));
        assertThat(Dialect.CORALOGIX.regionNames()).isEqualTo("US1, EU1, EU2, AP1, AP2");
    }

    @Test
    void cortexReactivatesByPut() {
        assertThat(Dialect.CORTEX.capabilities().write()).isEqualTo(WriteStrategy.PATCH);
        assertThat(Dialect.CORTEX.capabilities().reactivate()).isEqualTo(WriteStrategy.PUT);
        assertThat(Dialect.CORTEX.capabilities().usesRegions()).isFalse();
    }

    @Test
    void coginitiWritesByPutAndTrustsOnlyUserNameLookups() {
        DialectCapabilities c = Dialect.COGINITI.capabilities();

        assertThat(c.write()).isEqualTo(WriteStrategy.PUT);
        assertThat(c.patch()).isEqualTo(PatchSupport.NEVER);
        assertThat(c.lookup()).isEqualTo(LookupStrategy.USERNAME_EQ_ONLY);
        assertThat(c.groupPatch()).isFalse();
        assertThat(c.storesExternalId()).isFalse();
    }

    @Test
    void genericIsRfc7644WithPatchAsAdvertised() {
        assertThat(Dialect.GENERIC.capabilities()).isEqualTo(DialectCapabilities.rfc7644());
        assertThat(Dialect.GENERIC.capabilities().patch()).isEqualTo(PatchSupport.ADVERTISED);
    }

    @Test
    void advertisedPatchIsWhatTheConfigSaysAndAssumedWithoutOne() {
        ServiceProviderConfig noPatch = new ServiceProviderConfig(new ServiceProviderConfig.Supported(false), null, null, null, null, null);

        assertThat(PatchSupport.ADVERTISED.supported(noPatch)).isFalse();
        assertThat(PatchSupport.ADVERTISED.supported(null)).isTrue();
        assertThat(PatchSupport.ALWAYS.supported(noPatch)).isTrue();
        assertThat(PatchSupport.NEVER.supported(null)).isFalse();
    }

    @Test
    void anUnknownDialectNameListsEveryDialect() {
        assertThatIllegalArgumentException().isThrownBy(() -> Dialect.fromConfig("okta"))
                .withMessage("unknown dialect 'okta'; use one of coralogix, cortex, coginiti, generic");
    }

    @Test
    void onlyUserNameLookupsReadEveryPageAndCannotProveMembershipsByFilter() {
        assertThat(LookupStrategy.USERNAME_EQ_ONLY.readsEveryPage()).isTrue();
        assertThat(LookupStrategy.USERNAME_EQ_ONLY.filtersMembers()).isFalse();
        assertThat(LookupStrategy.FILTERS.readsEveryPage()).isFalse();
        assertThat(LookupStrategy.FILTERS.filtersMembers()).isTrue();
    }
}
