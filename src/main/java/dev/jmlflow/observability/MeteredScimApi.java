package dev.jmlflow.observability;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;

import dev.jmlflow.scim.ScimApi;
import dev.jmlflow.scim.ScimException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every call of one target's {@link ScimApi} as {@code jmlflow.scim.calls} (Prometheus:
 * {@code jmlflow_scim_calls_seconds_*}) tagged with the target, the operation (the {@code ScimApi} method) and the
 * status: {@code 2xx} on success, the HTTP status of a {@link ScimException}, {@code io} when no answer came.
 * Only names and numbers become tags: never a URL, filter or token.
 */
public final class MeteredScimApi {

    static final String METRIC = "jmlflow.scim.calls";

    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private MeteredScimApi() {
    }

    public static ScimApi wrap(ScimApi api, String target, MeterRegistry registry) {
        return (ScimApi) Proxy.newProxyInstance(ScimApi.class.getClassLoader(), new Class<?>[] {ScimApi.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return objectMethod(proxy, method, args, target);
                    }
                    long start = System.nanoTime();
                    String status = "2xx";
                    try {
                        return method.invoke(api, args);
                    } catch (InvocationTargetException e) {
                        Throwable cause = e.getCause();
                        status = cause instanceof ScimException scim ? (scim.status() == 0 ? "io" : Integer.toString(scim.status())) : "error";
                        throw cause;
                    } finally {
                        Timer.builder(METRIC)
                                .description("SCIM calls by target, operation and HTTP status")
                                .tags("target", target, "operation", method.getName(), "status", status)
                                .serviceLevelObjectives(LATENCY_BUCKETS)
                                .register(registry)
                                .record(Duration.ofNanos(System.nanoTime() - start));
                    }
                });
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, String target) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "MeteredScimApi[" + target + "]";
        };
    }
}
