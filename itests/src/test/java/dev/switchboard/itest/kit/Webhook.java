package dev.switchboard.itest.kit;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One call a platform makes to a connection's webhook ({@code /hooks/<type>/<key>}), as the channel's test builds
 * it: the method, the query string, the headers and the raw body bytes. The same instance sent twice is a
 * redelivery byte for byte.
 *
 * @param query the raw query string without '?', empty for none
 */
public record Webhook(String method, String query, Map<String, String> headers, byte[] body) {

    public Webhook {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    /** A POST of {@code body} with its content type and the platform's headers (its signature). */
    public static Webhook post(String contentType, String body, Map<String, String> headers) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("Content-Type", contentType);
        return new Webhook("POST", "", all, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A GET with a query string (a handshake). */
    public static Webhook get(String query) {
        return new Webhook("GET", query, Map.of(), new byte[0]);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The same call with other headers in place of some (a forged signature). */
    public Webhook withHeader(String name, String value) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return new Webhook(method, query, all, body);
    }

    @Override
    public String toString() {
        return method + " ?" + query + " " + headers.keySet() + " " + new String(body, StandardCharsets.UTF_8);
    }
}
