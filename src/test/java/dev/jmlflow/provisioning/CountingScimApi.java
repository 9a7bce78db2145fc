package dev.jmlflow.provisioning;

import dev.jmlflow.scim.ScimApi;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link ScimApi} in front of a real one that counts every call it passes on (each is one HTTP request). */
final class CountingScimApi {

    private final AtomicInteger calls = new AtomicInteger();
    private final ScimApi api;

    CountingScimApi(ScimApi delegate) {
        this.api = (ScimApi) Proxy.newProxyInstance(ScimApi.class.getClassLoader(), new Class<?>[] {ScimApi.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(delegate, args);
                    }
                    calls.incrementAndGet();
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    ScimApi api() {
        return api;
    }

    /** The calls made since the last {@code reset}. */
    int calls() {
        return calls.get();
    }

    void reset() {
        calls.set(0);
    }
}
