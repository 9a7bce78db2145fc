package dev.jmlflow.testpeers;

import dev.jmlflow.sandbox.scimserver.Profile;
import dev.jmlflow.sandbox.scimserver.SandboxScimServer;
import dev.jmlflow.sandbox.scimserver.SandboxTenant;
import dev.jmlflow.sandbox.scimserver.TenantOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The SCIM-SDK server (through jmlflow's sandbox server) as a test peer, started once per test class:
 * <pre>{@code @RegisterExtension static final ScimSdkPeer peer = ScimSdkPeer.strict();}</pre>
 * Starting takes milliseconds, so every class gets its own empty store.
 */
public final class ScimSdkPeer implements ScimPeer, BeforeAllCallback, AfterAllCallback {

    private static final String TENANT = "peer";

    private final Profile profile;
    private final String token = Tokens.random();
    private SandboxScimServer server;

    private ScimSdkPeer(Profile profile) {
        this.profile = profile;
    }

    /** Only {@code application/scim+json} is accepted as request content type. */
    public static ScimSdkPeer strict() {
        return new ScimSdkPeer(TestProfiles.STRICT);
    }

    /** {@code application/json} is accepted too. */
    public static ScimSdkPeer lenient() {
        return new ScimSdkPeer(TestProfiles.LENIENT);
    }

    public static ScimSdkPeer withProfile(Profile profile) {
        return new ScimSdkPeer(profile);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** For use without the extension; pair with {@link #stop()}. */
    public synchronized ScimSdkPeer start() {
        if (server == null) {
            server = SandboxScimServer.start(
                SandboxScimServer.Options.onFreePort(new TenantOptions(TENANT, token, profile)));
        }
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public String baseUrl() {
        return running().baseUrl(TENANT);
    }

    @Override
    public String token() {
        return token;
    }

    @Override
    public String seedGroup(String displayName) {
        return tenant().groups().stream()
            .filter(group -> group.displayName().equalsIgnoreCase(displayName))
            .findFirst()
            .orElseGet(() -> tenant().seedGroup(displayName))
            .id();
    }

    /** Read access to what the server holds, and seeding of hand-made accounts. */
    public SandboxTenant tenant() {
        return running().tenant(TENANT);
    }

    private synchronized SandboxScimServer running() {
        if (server == null) {
            throw new IllegalStateException("the SCIM-SDK peer is not started");
        }
        return server;
    }

    @Override
    public String toString() {
        return "SCIM-SDK peer (" + profile.name() + ")";
    }
}
