package dev.jmlflow.scim;

import feign.FeignException;
import feign.InvocationHandlerFactory;
import feign.RetryableException;
import feign.Target;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Wraps Feign's invocation handler so that callers only ever see {@link ScimException}s: Feign wraps what our
 * decoder throws in a {@code DecodeException}, and reports I/O failures and timeouts as a
 * {@code RetryableException} whose message holds the full URL, query included.
 */
final class ScimExceptionTranslation implements InvocationHandlerFactory {

    private final InvocationHandlerFactory feignDefault = new InvocationHandlerFactory.Default();

    @Override
    public InvocationHandler create(Target target, Map<Method, MethodHandler> dispatch) {
        InvocationHandler feign = feignDefault.create(target, dispatch);
        return (proxy, method, args) -> {
            if (method.getDeclaringClass() == ScimApi.class) {
                requireArguments(method, args);
            }
            try {
                return feign.invoke(proxy, method, args);
            } catch (FeignException e) {
                throw translate(e);
            }
        };
    }

    /**
     * Feign expands a null or blank id to {@code /Users/}, the list endpoint, and servers resolve {@code ..} to
     * another resource: a DELETE must never go there, so such a call is a programming error.
     */
    private static void requireArguments(Method method, Object[] args) {
        for (int i = 0; args != null && i < args.length; i++) {
            if (args[i] == null || args[i] instanceof String s && (s.isBlank() || s.equals(".") || s.equals(".."))) {
                throw new IllegalArgumentException("argument " + i + " of ScimApi." + method.getName() + " must not be null, blank or a dot segment");
            }
        }
    }

    static ScimException translate(FeignException e) {
        if (e.getCause() instanceof ScimException scim) {
            return scim;
        }
        String call = ScimCall.describe(e.hasRequest() ? e.request() : null);
        Throwable cause = e.getCause();
        if (e instanceof RetryableException || cause instanceof IOException) {
            // the cause is the I/O failure itself: Feign's own exception message carries the query string
            String what = cause == null ? "no response" : cause.getClass().getSimpleName();
            return new ScimException.Unavailable(0, call + " got no complete answer: " + what, cause);
        }
        // e.g. an EncodeException, which Feign reports with status -1
        return new ScimException.ProtocolViolation(Math.max(0, e.status()), call + " failed: " + e.getClass().getSimpleName());
    }
}
