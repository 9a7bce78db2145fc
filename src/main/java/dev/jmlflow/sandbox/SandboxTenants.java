package dev.jmlflow.sandbox;

import java.util.List;

import dev.jmlflow.sandbox.scimserver.Profile;
import dev.jmlflow.targets.Dialect;

/**
 * The three sandbox apps, named like the real ones so that the birthright rules (processes/birthright-access.dmn)
 * work unchanged, each imitating its vendor's capabilities and holding the groups those rules hand out.
 */
final class SandboxTenants {

    record Tenant(String name, Profile profile, List<String> groups) {
    }

    static final List<Tenant> ALL = List.of(
            new Tenant("coralogix", Profile.imitating(Dialect.CORALOGIX), List.of("observability-viewers", "observability-admins")),
            new Tenant("cortex", Profile.imitating(Dialect.CORTEX), List.of("engineering", "service-owners")),
            new Tenant("coginiti", Profile.imitating(Dialect.COGINITI), List.of("analysts", "data-admins")));

    private SandboxTenants() {
    }
}
