package dev.jmlflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jmlflow.sandbox.scimserver.Profile;
import dev.jmlflow.targets.Dialect;
import dev.jmlflow.testpeers.PeerHttp;
import dev.jmlflow.testpeers.ScimSdkPeer;
import dev.jmlflow.testpeers.TestProfiles;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One SCIM target of the benchmark: a SCIM-SDK server ({@link ScimSdkPeer}) with the dialect's profile, behind a
 * {@link DelayingProxy}. jmlflow and the raw baseline talk to the proxy; the benchmark's own checks (is the
 * account inactive yet?) ask the server directly, without the delay and without being counted.
 */
public final class BenchTarget implements AutoCloseable {

    private final String name;
    private final ScimSdkPeer peer;
    private final DelayingProxy proxy;
    private final PeerHttp direct;
    private final List<String> groups;
    private final List<String> groupIds;
    private final boolean patch;

    private BenchTarget(String name, Profile profile, Duration delay, int groupCount) {
        this.name = name;
        this.peer = ScimSdkPeer.withProfile(profile).start();
        URI base = URI.create(peer.baseUrl());
        this.proxy = new DelayingProxy(base.getScheme() + "://" + base.getAuthority(), delay);
        this.direct = new PeerHttp(peer);
        this.groups = IntStream.rangeClosed(1, groupCount).mapToObj(i -> "bench-" + name + "-" + i).toList();
        this.groupIds = groups.stream().map(peer::seedGroup).toList();
        this.patch = profile.patchSupported();
    }

    /** A target named after its dialect: {@code coralogix}, {@code cortex}, {@code coginiti} or {@code generic}. */
    public static BenchTarget start(String dialect, Duration delay, int groupCount) {
        Profile profile = switch (dialect) {
            case "coralogix", "cortex", "coginiti" -> Profile.imitating(Dialect.fromConfig(dialect));
            case "generic" -> TestProfiles.LENIENT;
            default -> throw new IllegalArgumentException("bench.targets: unknown dialect " + dialect);
        };
        return new BenchTarget(dialect, profile, delay, groupCount);
    }

    public String name() {
        return name;
    }

    /** The base URL jmlflow is configured with: through the proxy. */
    String proxiedBaseUrl() {
        return proxy.origin() + URI.create(peer.baseUrl()).getRawPath();
    }

    String token() {
        return peer.token();
    }

    public DelayingProxy proxy() {
        return proxy;
    }

    /** The requested groups' display names (none is privileged in processes/privileged-groups.dmn). */
    public List<String> groups() {
        return groups;
    }

    public List<String> groupIds() {
        return groupIds;
    }

    /** Whether the server takes PATCH; otherwise a change is a read plus a PUT of the whole resource. */
    boolean patch() {
        return patch;
    }

    /** The SCIM server itself: no delay, not counted (for checks after the fact). */
    public PeerHttp direct() {
        return direct;
    }

    /** The SCIM id of the account with this userName, asked of the server directly. */
    public String idOf(String userName) {
        JsonNode found = direct.get("/Users?filter=" + PeerHttp.filterEq("userName", userName)).json();
        if (found.path("totalResults").asInt() != 1) {
            throw new IllegalStateException(name + ": expected one account " + userName + ", found " + found);
        }
        return found.path("Resources").get(0).path("id").asText();
    }

    /** Whether the account reads back inactive, asked of the server directly. */
    public boolean inactive(String scimId) {
        PeerHttp.Response user = direct.get("/Users/" + scimId);
        return user.status() == 200 && !user.json().path("active").asBoolean(true);
    }

    @Override
    public void close() {
        proxy.close();
        peer.stop();
    }
}
