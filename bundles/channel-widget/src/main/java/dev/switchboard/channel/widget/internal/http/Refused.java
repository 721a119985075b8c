package dev.switchboard.channel.widget.internal.http;

import java.util.Map;

/**
 * A call the API refuses, answered {@code {"error": code, "message": text}} with the text for {@code error.<code>}
 * in the request's language. Thrown inside {@link WidgetApi} only, where it ends the call.
 */
final class Refused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String code;
    final transient Object[] arguments;
    final transient Map<String, String> headers;

    Refused(int status, String code, Object... arguments) {
        this(status, code, Map.of(), arguments);
    }

    Refused(int status, String code, Map<String, String> headers, Object... arguments) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.arguments = arguments;
        this.headers = headers;
    }

    /** 429 with the seconds to wait. */
    static Refused rate(long seconds) {
        return new Refused(429, "rate", Map.of("Retry-After", Long.toString(seconds)));
    }
}
