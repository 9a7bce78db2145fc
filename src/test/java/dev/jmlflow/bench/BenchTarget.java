package dev.jmlflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jmlflow.sandbox.scimserver.Profile;
import dev.jmlflow.targets.Dialect;
import dev.jmlflow.testpeers.PeerHttp;
import dev.jmlflow.testpeers.ScimSdkPeer;
import dev.jmlflow.testpeers.TestProfiles;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
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
    private final int groupsPerAccount;
    private final int membersPerGroup;
    /** The groups' sets in the order they were first handed out; every account joins the groups of one set. */
    private final List<List<Group>> sets = new ArrayList<>();
    private long accountsPlaced;
    private final boolean patch;

    /** A group of the benchmark on this target: its displayName and its SCIM id. */
    public record Group(String name, String id) {
    }

    private BenchTarget(String name, Profile profile, Duration delay, int groupsPerAccount, int membersPerGroup) {
        this.name = name;
        this.peer = ScimSdkPeer.withProfile(profile).start();
        URI base = URI.create(peer.baseUrl());
        this.proxy = new DelayingProxy(base.getScheme() + "://" + base.getAuthority(), delay);
        this.direct = new PeerHttp(peer);
        this.groupsPerAccount = groupsPerAccount;
        this.membersPerGroup = membersPerGroup;
        this.patch = profile.patchSupported();
        newSet();
    }

    /**
     * A target named after its dialect: {@code coralogix}, {@code cortex}, {@code coginiti} or {@code generic}.
     * Every account joins {@code groupsPerAccount} groups; a group takes {@code membersPerGroup} accounts (0: any
     * number) before the next accounts are given new groups.
     */
    public static BenchTarget start(String dialect, Duration delay, int groupsPerAccount, int membersPerGroup) {
        Profile profile = switch (dialect) {
            case "coralogix", "cortex", "coginiti" -> Profile.imitating(Dialect.fromConfig(dialect));
            case "generic" -> TestProfiles.LENIENT;
            default -> throw new IllegalArgumentException("bench.targets: unknown dialect " + dialect);
        };
        return new BenchTarget(dialect, profile, delay, groupsPerAccount, membersPerGroup);
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

    /**
     * The groups the next account is to join (none is privileged in processes/privileged-groups.dmn). A full set is
     * followed by a new one, made on the server here: the app meets it as HR naming a group it has not seen yet.
     */
    public synchronized List<Group> groupsForNextAccount() {
        int set = membersPerGroup == 0 ? 0 : (int) (accountsPlaced++ / membersPerGroup);
        while (sets.size() <= set) {
            newSet();
        }
        return sets.get(set);
    }

    /** The SCIM ids of every group handed out so far. */
    public synchronized List<String> groupIds() {
        return sets.stream().flatMap(List::stream).map(Group::id).toList();
    }

    /** Groups {@code bench-<target>-<n>}, numbered on from the previous set's. */
    private void newSet() {
        int first = sets.size() * groupsPerAccount;
        sets.add(IntStream.rangeClosed(first + 1, first + groupsPerAccount).mapToObj(i -> "bench-" + name + "-" + i)
                .map(group -> new Group(group, peer.seedGroup(group))).toList());
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
