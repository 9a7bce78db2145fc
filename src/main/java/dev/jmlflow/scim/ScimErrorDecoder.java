package dev.jmlflow.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * Turns a non-2xx answer into a {@link ScimException} by status and {@code scimType} (RFC 7644 section 3.12). The
 * body is read as a SCIM error when it is JSON; plain text is quoted (cleaned and truncated) and HTML is not
 * quoted at all. Messages read {@code "<METHOD> <path> answered <status> [scimType]: <detail>"}. A server may quote
 * the token it rejected anywhere in its text, so the configured token is blanked out of every message.
 */
final class ScimErrorDecoder implements ErrorDecoder {

    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final ObjectMapper mapper;
    private final Clock clock;
    private final Supplier<String> token;

    ScimErrorDecoder(ObjectMapper mapper, Clock clock, Supplier<String> token) {
        this.mapper = mapper;
        this.clock = clock;
        this.token = token;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        ErrorBody error = withoutToken(readError(response));
        String message = ScimCall.describe(response.request()) + " answered " + status
                + (error.scimType() == null ? "" : " " + error.scimType())
                + (error.detail() == null ? "" : ": " + error.detail());
        if (status == 400 && "invalidFilter".equals(error.scimType())) {
            return new ScimException.InvalidFilter(message);
        }
        return switch (status) {
            case 401 -> new ScimException.Unauthorized(message);
            case 403 -> new ScimException.Forbidden(error.scimType(), message);
            case 404 -> new ScimException.NotFound(message);
            case 409 -> new ScimException.Conflict(error.scimType(), message);
            case 429 -> new ScimException.RateLimited(retryAfter(response), message);
            case 503 -> new ScimException.Unavailable(status, message, null, retryAfter(response));
            // the server will not do this however often we ask (RFC 7644: operation not supported)
            case 501 -> new ScimException.BadRequest(status, error.scimType(), error.detail(), message);
            default -> {
                if (status >= 500 && status <= 599) {
                    yield new ScimException.Unavailable(status, message, null);
                }
                if (status >= 400 && status <= 499) {
                    yield new ScimException.BadRequest(status, error.scimType(), error.detail(), message);
                }
                // a redirect or informational status: a wrong base URL or a login page in front of the API
                yield new ScimException.ProtocolViolation(status, message);
            }
        };
    }

    private ErrorBody readError(Response response) {
        byte[] body;
        try {
            body = ResponseBodies.read(response, MAX_ERROR_BODY);
        } catch (IOException e) {
            return new ErrorBody(null, null);
        }
        if (ResponseBodies.isBlank(body)) {
            return new ErrorBody(null, null);
        }
        String mediaType = ResponseBodies.mediaType(response);
        String text = new String(body, StandardCharsets.UTF_8);
        String start = text.stripLeading();
        if (ResponseBodies.isJson(mediaType) || mediaType == null && start.startsWith("{")) {
            try {
                return fromJson(mapper.readTree(body));
            } catch (IOException e) {
                return new ErrorBody(null, ScimCall.clean(text));
            }
        }
        if (mediaType != null && mediaType.contains("html") || start.startsWith("<")) {
            return new ErrorBody(null, "(HTML page, " + body.length + " bytes, not shown)");
        }
        return new ErrorBody(null, ScimCall.clean(text));
    }

    private ErrorBody withoutToken(ErrorBody error) {
        String secret = token.get();
        if (secret == null || secret.isBlank() || error.detail() == null) {
            return error;
        }
        return new ErrorBody(error.scimType(), error.detail().replace(secret, "[redacted]"));
    }

    /** RFC 7644 names {@code detail}; some servers use {@code message} or OAuth's {@code error_description}. */
    private static ErrorBody fromJson(JsonNode node) {
        String scimType = node.path("scimType").asText(null);
        if (scimType != null && !scimType.matches("[A-Za-z]{1,40}")) {
            scimType = null;
        }
        String detail = null;
        for (String field : new String[] {"detail", "message", "error_description", "error"}) {
            JsonNode value = node.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                detail = ScimCall.clean(value.asText());
                break;
            }
        }
        return new ErrorBody(scimType, detail);
    }

    /** Retry-After as delay-seconds or an HTTP-date (RFC 9110 section 10.2.3); {@code null} when absent or unreadable. */
    private Duration retryAfter(Response response) {
        Collection<String> values = response.headers().get("Retry-After");
        if (values == null || values.isEmpty()) {
            return null;
        }
        String value = values.iterator().next().strip();
        if (value.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            Duration untilDate = Duration.between(clock.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return untilDate.isNegative() ? Duration.ZERO : untilDate;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private record ErrorBody(String scimType, String detail) {
    }
}
