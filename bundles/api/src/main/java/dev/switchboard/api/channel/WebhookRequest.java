package dev.switchboard.api.channel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A platform's call to the core's webhook endpoint {@code /hooks/<type>/<key>}, as it arrived: the connector
 * verifies it over these exact bytes (an HMAC of the raw body) before it reads anything from it.
 *
 * @param method  {@code GET} (handshakes such as Meta's {@code hub.challenge}) or {@code POST}
 * @param query   the query parameters, each with its values in order
 * @param headers the headers by lower-case name, each with its values in order
 * @param body    the raw body (at most the endpoint's limit, 4 MB)
 */
public record WebhookRequest(String method, Map<String, List<String>> query, Map<String, List<String>> headers,
                             byte[] body) {

    public WebhookRequest {
        query = Map.copyOf(query);
        TreeMap<String, List<String>> lower = new TreeMap<>();
        headers.forEach((name, values) -> lower.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        headers = java.util.Collections.unmodifiableMap(lower);
        body = body.clone();
    }

    /** The first value of a header, by any case of its name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value of a query parameter. */
    public Optional<String> parameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // never the body or the headers: they hold personal data and secrets
        return "WebhookRequest[" + method + ", " + body.length + " bytes]";
    }
}
