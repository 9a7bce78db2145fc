package dev.jmlflow.scim;

import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Locale;

/** Reading response bodies and their media types, shared by the success and the error decoder. */
final class ResponseBodies {

    private ResponseBodies() {
    }

    /** The body, at most {@code limit} bytes of it; empty when there is none. */
    static byte[] read(Response response, int limit) throws IOException {
        if (response.body() == null) {
            return new byte[0];
        }
        try (InputStream in = response.body().asInputStream()) {
            return in.readNBytes(limit);
        }
    }

    /** The media type without parameters, lower case; {@code null} when the server sent no Content-Type. */
    static String mediaType(Response response) {
        Collection<String> values = response.headers().get("Content-Type");
        if (values == null || values.isEmpty()) {
            return null;
        }
        String value = values.iterator().next();
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** {@code application/scim+json}, {@code application/json} and any other {@code +json} type. */
    static boolean isJson(String mediaType) {
        return mediaType != null && (mediaType.equals("application/json") || mediaType.endsWith("+json"));
    }

    static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}
