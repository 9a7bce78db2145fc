package dev.jmlflow.targets;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One configured SCIM app, bound from {@code jmlflow.targets.<name>}. Either {@code base-url} or, for
 * Coralogix, {@code region}. The token is kept out of {@link #toString()} so it never reaches a log line.
 */
public record TargetSettings(Dialect dialect, URI baseUrl, String region, String token, Duration connectTimeout,
                             Duration readTimeout, Double requestsPerSecond, Assign assign, String ownerGroup) {

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    static final double DEFAULT_REQUESTS_PER_SECOND = 10;
    /** Entra's 60 s server SLA; a longer read risks outliving the Camunda job lock (R-E-5). */
    static final Duration MAX_READ_TIMEOUT = Duration.ofSeconds(60);
    /** The app owners of every target unless a target names its own (JmlflowGroups.APP_OWNERS; targets sits below policy). */
    public static final String DEFAULT_OWNER_GROUP = "app-owners";
    /** A Camunda group id. */
    private static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public TargetSettings {
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
        requestsPerSecond = requestsPerSecond == null ? DEFAULT_REQUESTS_PER_SECOND : requestsPerSecond;
        assign = assign == null ? Assign.ALL : assign;
        region = region == null || region.isBlank() ? null : region.trim();
        ownerGroup = ownerGroup == null || ownerGroup.isBlank() ? DEFAULT_OWNER_GROUP : ownerGroup.strip();
    }

    /** The longest a request to this target can be on its way before the client gives up on it. */
    public Duration callBound() {
        return connectTimeout.plus(readTimeout);
    }

    /** The SCIM base URL: the configured one, or the documented URL of the Coralogix region. */
    public URI resolvedBaseUrl() {
        if (baseUrl != null) {
            return baseUrl;
        }
        return dialect.region(region).orElseThrow(() -> new IllegalStateException("no base URL"));
    }

    /** Every problem with this target's settings, each naming the key to fix; empty when it is usable. */
    public List<String> problems(String name) {
        String key = "jmlflow.targets." + name + ".";
        String env = "JMLFLOW_TARGETS_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
        List<String> problems = new ArrayList<>();
        if (dialect == null) {
            problems.add(key + "dialect is missing; use one of " + Dialect.configNames());
        }
        if (token == null || token.isBlank()) {
            problems.add(key + "token is missing; set it, e.g. through the environment variable " + env + "TOKEN"
                    + (dialect == null ? "" : dialect.capabilities().tokenHint()));
        }
        if (baseUrl != null && region != null) {
            problems.add(key + "base-url and " + key + "region are both set; set only one");
        } else if (baseUrl == null && region == null) {
            problems.add(key + "base-url is missing" + (dialect != null && dialect.capabilities().usesRegions()
                    ? "; set it or " + key + "region (one of " + dialect.regionNames() + ")" : ""));
        } else if (region != null) {
            // without a dialect (reported above) the region is checked against the regional dialects
            Dialect regional = dialect != null ? dialect : Dialect.regional().get(0);
            if (!regional.capabilities().usesRegions()) {
                problems.add(key + "region is only understood by the " + Dialect.regional().stream()
                        .map(Dialect::configName).collect(Collectors.joining(", ")) + " dialect; set " + key
                        + "base-url instead");
            } else if (regional.region(region).isEmpty()) {
                problems.add(key + "region '" + region + "' is not a " + regional.vendorName() + " region; use one of "
                        + regional.regionNames());
            }
        } else {
            urlProblem(baseUrl).ifPresent(p -> problems.add(key + "base-url " + p));
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            problems.add(key + "connect-timeout must be positive");
        }
        if (readTimeout.isNegative() || readTimeout.isZero() || readTimeout.compareTo(MAX_READ_TIMEOUT) > 0) {
            problems.add(key + "read-timeout must be between 1ms and " + MAX_READ_TIMEOUT.toSeconds() + "s");
        }
        if (!(requestsPerSecond > 0) || requestsPerSecond.isInfinite()) {
            problems.add(key + "requests-per-second must be a positive number");
        }
        if (!GROUP_ID.matcher(ownerGroup).matches()) {
            problems.add(key + "owner-group '" + ownerGroup + "' is not a group id (letters, digits and . _ -, up to 64)");
        }
        return problems;
    }

    private static Optional<String> urlProblem(URI url) {
        if (!url.isAbsolute() || url.getHost() == null) {
            return Optional.of("'" + withoutUserInfo(url) + "' is not an absolute http(s) URL");
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials; put the token in the token setting");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return Optional.empty();
        }
        if (scheme.equals("http")) {
            return isLoopback(url.getHost()) ? Optional.empty() : Optional.of("'" + url
                    + "' uses http; only https is allowed outside 127.0.0.1/localhost, because the token travels with every request");
        }
        return Optional.of("'" + withoutUserInfo(url) + "' must use https");
    }

    private static String withoutUserInfo(URI url) {
        return url.getRawUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo() + "@", "");
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // only literal addresses: a name other than localhost must not cause a DNS lookup at start-up
        if (!h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "TargetSettings[dialect=" + dialect + ", baseUrl=" + baseUrl + ", region=" + region
                + ", token=" + (token == null || token.isBlank() ? "<missing>" : "<redacted>")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", requestsPerSecond=" + requestsPerSecond + ", assign=" + assign + ", ownerGroup=" + ownerGroup + "]";
    }
}
