package dev.jmlflow.scim;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed SCIM call, typed by what the caller should do about it. Messages carry the HTTP status, the
 * {@code scimType} and the server's detail, never a request header or token.
 */
public abstract sealed class ScimException extends RuntimeException {

    private final int status;
    private final String scimType;

    protected ScimException(int status, String scimType, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.scimType = scimType;
    }

    /** HTTP status, or 0 when no response was received. */
    public int status() {
        return status;
    }

    public Optional<String> scimType() {
        return Optional.ofNullable(scimType);
    }

    /** Whether trying again later may succeed (429, 5xx, timeouts, connection errors). */
    public abstract boolean isTransient();

    /** 409: a duplicate (scimType {@code uniqueness}) or a version conflict. */
    public static final class Conflict extends ScimException {
        public Conflict(String scimType, String message) {
            super(409, scimType, message, null);
        }

        @Override
        public boolean isTransient() {
            return false;
        }
    }

    /** 404: the resource, or the endpoint itself (a wrong base URL), does not exist. */
    public static final class NotFound extends ScimException {
        public NotFound(String message) {
            super(404, null, message, null);
        }

        @Override
        public boolean isTransient() {
            return false;
        }
    }

    /** 400 {@code invalidFilter}: the server does not understand the filter. */
    public static final class InvalidFilter extends ScimException {
        public InvalidFilter(String message) {
            super(400, "invalidFilter", message, null);
        }

        @Override
        public boolean isTransient() {
            return false;
        }
    }

    /** 401: the token is missing, wrong, or belongs to another region. */
    public static final class Unauthorized extends ScimException {
        public Unauthorized(String message) {
            super(401, null, message, null);
        }

        @Override
        public boolean isTransient() {
            return false;
        }
    }

    /** 403: the token may not do this. */
    public static final class Forbidden extends ScimException {
        public Forbidden(String scimType, String message) {
            super(403, scimType, message, null);
        }

        @Override
        public boolean isTransient() {
            return false;
        }
    }

    /** 429: slow down; {@link #retryAfter()} holds the server's Retry-After when it sent one. */
    public static final class RateLimited extends ScimException {
        private final Duration retryAfter;

        public RateLimited(Duration retryAfter, String message) {
            super(429, null, message, null);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        @Override
        public boolean isTransient() {
            return true;
        }
    }

    /**
     * 5xx, a timeout or a connection error: the outcome of a write is unknown and must be looked up. A 503 may carry
     * the server's Retry-After (planned maintenance, overload), in {@link #retryAfter()}.
     */
    public static final class Unavailable extends ScimException {
        private final Duration retryAfter;

        public Unavailable(int status, String message, Throwable cause) {
            this(status, message, cause, null);
        }

        public Unavailable(int status, String message, Throwable cause, Duration retryAfter) {
            super(status, null, message, cause);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        @Override
        public boolean isTransient() {
            return true;
        }
    }

    /** Any other 4xx, e.g. 400 {@code invalidValue}, {@code mutability} or {@code noTarget}. */
    public static final class BadRequest extends ScimException {
        private final String detail;

        public BadRequest(int status, String scimType, String detail, String message) {
            super(status, scimType, message, null);
            this.detail = detail;
        }

        public Optional<String> detail() {
            return Optional.ofNullable(detail);
        }

        @Override
        public boolean isTransient() {
            return false;
        }
    }

    /** A response that breaks the protocol (HTML instead of JSON, a create without an id, ...). */
    public static final class ProtocolViolation extends ScimException {
        public ProtocolViolation(int status, String message) {
            super(status, null, message, null);
        }

        @Override
        public boolean isTransient() {
            return false;
        }
    }
}
