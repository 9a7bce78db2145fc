package dev.jmlflow.scim;

import feign.Logger;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How to reach one SCIM server. The token is a supplier so that a rotated secret is picked up without rebuilding
 * the client; {@link #toString()} never shows it.
 *
 * @param baseUrl        the SCIM base URL, e.g. {@code https://api.getcortexapp.com/scim/v2} (http or https, no
 *                       user info, query or fragment; a trailing slash is dropped)
 * @param bearerToken    supplies the bearer token for every request
 * @param connectTimeout at most this long to open a connection
 * @param readTimeout    at most this long to wait for an answer; capped at {@link #MAX_READ_TIMEOUT}
 * @param logLevel       Feign's wire log level; {@code FULL} also logs bodies, which carry personal data
 */
public record ScimClientConfig(URI baseUrl, Supplier<String> bearerToken, Duration connectTimeout, Duration readTimeout,
                               Logger.Level logLevel) {

    /** Entra's SLA for SCIM servers; waiting longer risks outliving the Camunda job lock. */
    public static final Duration MAX_READ_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    public ScimClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(bearerToken, "bearerToken");
        baseUrl = normalise(baseUrl);
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        if (readTimeout.compareTo(MAX_READ_TIMEOUT) > 0) {
            throw new IllegalArgumentException("readTimeout must be at most " + MAX_READ_TIMEOUT);
        }
        logLevel = logLevel == null ? Logger.Level.NONE : logLevel;
    }

    /** A config with the default timeouts and no wire logging. */
    public static ScimClientConfig of(String baseUrl, Supplier<String> bearerToken) {
        return new ScimClientConfig(URI.create(baseUrl), bearerToken, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, Logger.Level.NONE);
    }

    public ScimClientConfig withTimeouts(Duration connect, Duration read) {
        return new ScimClientConfig(baseUrl, bearerToken, connect, read, logLevel);
    }

    public ScimClientConfig withLogLevel(Logger.Level level) {
        return new ScimClientConfig(baseUrl, bearerToken, connectTimeout, readTimeout, level);
    }

    @Override
    public String toString() {
        return "ScimClientConfig[baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", logLevel=" + logLevel + "]";
    }

    private static URI normalise(URI url) {
        String scheme = url.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || url.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL");
        }
        // user info would end up in logs; a query or fragment cannot be combined with the endpoint paths
        if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl must not contain user info, a query or a fragment");
        }
        String text = url.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
