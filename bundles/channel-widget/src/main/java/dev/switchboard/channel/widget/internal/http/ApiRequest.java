package dev.switchboard.channel.widget.internal.http;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A call of the visitors' API as {@link WidgetApi} sees it, apart from the servlet container: the servlet copies the
 * request into one, and tests make their own.
 *
 * @param query         the query parameters, decoded, each with its values in order
 * @param headers       the first value of each header, by lower-case name
 * @param remoteAddress the address the connection came from
 * @param scheme        {@code http} or {@code https}, as the request arrived
 * @param contentLength the body's declared length, -1 when not declared
 * @param body          the body, read only by the endpoints that take one
 */
public record ApiRequest(String method, Map<String, List<String>> query, Map<String, String> headers,
                         String remoteAddress, String scheme, long contentLength, InputStream body) {

    public ApiRequest {
        query = Map.copyOf(query);
        TreeMap<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        headers = java.util.Collections.unmodifiableMap(lower);
    }

    /** A header's value by any case of its name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A query parameter's first value. */
    public Optional<String> parameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public String toString() {
        // never the headers or the body: they hold tokens and personal data
        return "ApiRequest[" + method + "]";
    }
}
