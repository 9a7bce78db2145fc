package dev.jmlflow.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Request;
import feign.Response;
import feign.codec.Decoder;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * Decodes 2xx answers, refusing anything that is not SCIM JSON rather than guessing: a login page served with 200
 * must never read as "no such user".
 * <ul>
 *   <li>204 or an empty body is {@code null} for PUT and PATCH (servers may answer 204) and a
 *       {@link ScimException.ProtocolViolation} for GET and POST.</li>
 *   <li>A Content-Type that is not JSON (e.g. {@code text/html}) or a body that does not parse is a
 *       {@link ScimException.ProtocolViolation}; a missing Content-Type is accepted when the body parses.</li>
 *   <li>A POST answering a user or group without an {@code id} is a {@link ScimException.ProtocolViolation}: we
 *       could never address the resource again.</li>
 * </ul>
 */
final class ScimResponseDecoder implements Decoder {

    private static final int MAX_BODY = 32 * 1024 * 1024;

    private final ObjectMapper mapper;

    ScimResponseDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Object decode(Response response, Type type) throws IOException {
        Request request = response.request();
        String call = ScimCall.describe(request);
        int status = response.status();
        byte[] body = response.status() == 204 ? new byte[0] : ResponseBodies.read(response, MAX_BODY);
        String mediaType = ResponseBodies.mediaType(response);
        Object result = null;
        if (!ResponseBodies.isBlank(body)) {
            if (mediaType != null && !ResponseBodies.isJson(mediaType)) {
                throw new ScimException.ProtocolViolation(status, call + " answered " + status + " with Content-Type "
                        + ScimCall.clean(mediaType) + " instead of SCIM JSON");
            }
            try {
                result = mapper.readValue(body, mapper.constructType(type));
            } catch (JsonProcessingException e) {
                // no cause: Jackson's message quotes the body, which may hold personal data
                throw new ScimException.ProtocolViolation(status, call + " answered " + status + " with a body that is not valid SCIM JSON");
            }
        }
        if (result == null) {
            if (mayAnswerWithoutBody(request)) {
                return null;
            }
            throw new ScimException.ProtocolViolation(status, call + " answered " + status + " without a body");
        }
        if (request.httpMethod() == Request.HttpMethod.POST && lacksId(result)) {
            throw new ScimException.ProtocolViolation(status, call + " answered " + status + " with a resource without an id");
        }
        return result;
    }

    private static boolean mayAnswerWithoutBody(Request request) {
        return request.httpMethod() == Request.HttpMethod.PATCH || request.httpMethod() == Request.HttpMethod.PUT;
    }

    private static boolean lacksId(Object resource) {
        if (resource instanceof ScimUser user) {
            return user.id() == null || user.id().isBlank();
        }
        if (resource instanceof ScimGroup group) {
            return group.id() == null || group.id().isBlank();
        }
        return false;
    }
}
