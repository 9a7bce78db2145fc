package dev.jmlflow.sandbox.scimserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import de.captaingoldfish.scim.sdk.common.constants.enums.HttpMethod;
import de.captaingoldfish.scim.sdk.common.exceptions.ScimException;
import de.captaingoldfish.scim.sdk.common.response.ErrorResponse;
import de.captaingoldfish.scim.sdk.common.response.ScimResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP glue between the JDK server and the SCIM-SDK: finds the tenant from {@code /scim/<tenant>/v2/...}, refuses
 * methods the tenant's profile lacks, and hands everything else to the SDK as it came. No SCIM semantics here.
 */
final class ScimExchangeHandler implements HttpHandler {

    static final String CONTEXT_PATH = "/scim/";
    private static final String VERSION_SEGMENT = "/v2";

    private final Map<String, SandboxTenant> tenants;
    private final String origin;

    ScimExchangeHandler(Map<String, SandboxTenant> tenants, String origin) {
        this.tenants = tenants;
        this.origin = origin;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(exchange, dispatch(exchange));
        }
    }

    private ScimResponse dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String rest = path.substring(CONTEXT_PATH.length());
        int slash = rest.indexOf('/');
        SandboxTenant tenant = slash < 0 ? null : tenants.get(rest.substring(0, slash));
        if (tenant == null || !rest.substring(slash).startsWith(VERSION_SEGMENT + "/")) {
            return error(404, "no SCIM service at " + path);
        }
        HttpMethod method = method(exchange.getRequestMethod());
        if (method == null || method == HttpMethod.PUT && !tenant.profile().putSupported()) {
            return error(405, exchange.getRequestMethod() + " is not supported by " + tenant.profile().name());
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return tenant.handle(origin + exchange.getRequestURI().toString(), method, body, headers);
    }

    private static HttpMethod method(String name) {
        for (HttpMethod method : HttpMethod.values()) {
            if (method.name().equals(name)) {
                return method;
            }
        }
        return null;
    }

    private static ErrorResponse error(int status, String detail) {
        return new ErrorResponse(new ScimException(detail, null, status, null) {
        });
    }

    private static void respond(HttpExchange exchange, ScimResponse response) throws IOException {
        response.getHttpHeaders().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        int status = response.getHttpStatus();
        if (status == 204 || response.isEmpty()) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] body = response.toString().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
