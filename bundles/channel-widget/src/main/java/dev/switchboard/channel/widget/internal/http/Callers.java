package dev.switchboard.channel.widget.internal.http;

import java.util.Locale;
import java.util.Optional;

/**
 * Who calls: the page's origin (checked against the connection's allowed origins) and the client's address (for the
 * rate limits per address).
 */
final class Callers {

    private Callers() {
    }

    /**
     * The origin of the page that calls: the {@code Origin} header; without one, a request the browser marks
     * {@code Sec-Fetch-Site: same-origin} comes from the request's own scheme and {@code Host} (browsers send no
     * {@code Origin} with a same-origin GET). Anything else has no origin, and is refused.
     */
    static Optional<String> origin(ApiRequest request) {
        Optional<String> origin = request.header("Origin").map(String::strip).filter(o -> !o.isEmpty());
        if (origin.isPresent()) {
            return origin;
        }
        boolean sameOrigin = request.header("Sec-Fetch-Site").map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter("same-origin"::equals).isPresent();
        Optional<String> host = request.header("Host").map(String::strip).filter(h -> !h.isEmpty());
        if (sameOrigin && host.isPresent() && request.scheme() != null) {
            return Optional.of(request.scheme() + "://" + host.get());
        }
        return Optional.empty();
    }

    /**
     * The client's address: the last address of {@code X-Forwarded-For} (the one the trusted reverse proxy added)
     * when the operator said a proxy is in front, else the connection's address. A client can write anything into
     * the header itself, so it is never believed without that setting.
     */
    static String address(ApiRequest request, boolean trustProxy) {
        if (trustProxy) {
            Optional<String> forwarded = request.header("X-Forwarded-For");
            if (forwarded.isPresent()) {
                String[] hops = forwarded.get().split(",");
                String last = hops[hops.length - 1].strip();
                if (!last.isEmpty()) {
                    return last;
                }
            }
        }
        return request.remoteAddress() == null ? "" : request.remoteAddress();
    }
}
