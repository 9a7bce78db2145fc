package dev.jmlflow.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.util.EngineUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAX-RS exception mappers for Camunda's REST API (both {@code /engine-rest} and the webapps' engine API that
 * Tasklist calls) that answer jmlflow's {@link Refusal}s as 400 or 403 instead of 500. The body keeps Camunda's
 * shape ({@code type}, {@code message}), so Tasklist shows it; the message is the refusal's own, without the
 * engine's prefix ("Cannot instantiate process definition ...: "), with every field named by its form label. The
 * log gets one INFO line. Anything else is answered exactly as Camunda's own mappers would.
 * <p>
 * Camunda wraps a refusal in a {@link RestException} (start, complete) or a {@link ProcessEngineException} (a task
 * listener's exception, claim, assignee) and maps both, with equal specificity, in its own mappers; ours take
 * precedence by priority. A refusal that arrives unwrapped is a {@link RuntimeException}.
 */
public final class RefusalMappers {

    /** The mapper classes, for a JAX-RS application to register. */
    public static final List<Class<?>> ALL = List.of(RestExceptions.class, EngineExceptions.class, RuntimeExceptions.class);

    private static final Logger LOG = LoggerFactory.getLogger(RefusalMappers.class);
    private static final int PRECEDENCE = Priorities.USER - 100;
    private static final Pattern ENGINE_NAME = Pattern.compile("/?engine/([^/]+)/.*");

    private RefusalMappers() {
    }

    /** JAX-RS picks a mapper by the exception type it names, so each wrapped type gets a one-line subclass. */
    abstract static class RefusalMapper<E extends Throwable> implements ExceptionMapper<E> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(E exception) {
            return respond(exception, uri);
        }
    }

    @Priority(PRECEDENCE)
    public static final class RestExceptions extends RefusalMapper<RestException> {
    }

    @Priority(PRECEDENCE)
    public static final class EngineExceptions extends RefusalMapper<ProcessEngineException> {
    }

    @Priority(PRECEDENCE)
    public static final class RuntimeExceptions extends RefusalMapper<RuntimeException> {
    }

    static Response respond(Throwable exception, UriInfo uri) {
        Optional<Refusal> refusal = Refusal.in(exception);
        if (refusal.isEmpty()) {
            return ExceptionHandlerHelper.getInstance().getResponse(exception);
        }
        String path = uri.getPath();
        ProcessEngine engine = EngineUtil.lookupProcessEngine(engineName(path));
        RefusedOperation operation = RefusedOperation.of(path, engine);
        String message = refusal.get().labelled(operation.labels());
        String user = Optional.ofNullable(engine.getIdentityService().getCurrentAuthentication())
                .map(Authentication::getUserId).orElse("(anonymous)");
        LOG.info("Refused {} by {} ({}): {}", operation.description(), user, refusal.get().status(), printable(message));
        ExceptionDto body = new ExceptionDto();
        body.setType(refusal.get().type());
        body.setMessage(message);
        return Response.status(refusal.get().status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** Control, format (bidi, zero-width) and line characters escaped, so input cannot forge or hide log lines. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static String engineName(String path) {
        Matcher matcher = ENGINE_NAME.matcher(path);
        return matcher.matches() ? matcher.group(1) : null;
    }
}
