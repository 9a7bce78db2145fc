package dev.jmlflow.testpeers;

import dev.jmlflow.sandbox.scimserver.Profile;

/** Sandbox SCIM services that imitate no vendor, for the tests of the SCIM client and the provisioning contract. */
public final class TestProfiles {

    /** A complete RFC 7644 service that insists on {@code application/scim+json}. */
    public static final Profile STRICT = new Profile("strict", true, true, true, false);
    /** As {@link #STRICT}, but also takes {@code application/json} like most SaaS apps do. */
    public static final Profile LENIENT = new Profile("lenient", true, true, true, true);

    private TestProfiles() {
    }
}
