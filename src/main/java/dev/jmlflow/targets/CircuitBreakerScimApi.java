package dev.jmlflow.targets;

import dev.jmlflow.scim.ScimApi;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/** Puts a target's {@link CircuitBreaker} in front of every call of its {@link ScimApi}. */
final class CircuitBreakerScimApi {

    private CircuitBreakerScimApi() {
    }

    static ScimApi wrap(ScimApi api, CircuitBreaker breaker) {
        return (ScimApi) Proxy.newProxyInstance(ScimApi.class.getClassLoader(), new Class<?>[] {ScimApi.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "CircuitBreakerScimApi[" + api + "]";
                        };
                    }
                    return breaker.call(() -> {
                        try {
                            return method.invoke(api, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                        } catch (IllegalAccessException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                });
    }
}
