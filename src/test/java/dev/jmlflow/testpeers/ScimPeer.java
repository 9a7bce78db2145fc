package dev.jmlflow.testpeers;

/** A running SCIM 2.0 server written by someone else, for jmlflow's client to talk to over real HTTP. */
public interface ScimPeer {

    /** The SCIM base URL, without a trailing slash, e.g. {@code http://127.0.0.1:41043/api/auth/scim/v2}. */
    String baseUrl();

    /** The bearer token the peer accepts. Never log it. */
    String token();

    /** Makes sure a group with this display name exists and returns its SCIM id. */
    String seedGroup(String displayName);
}
