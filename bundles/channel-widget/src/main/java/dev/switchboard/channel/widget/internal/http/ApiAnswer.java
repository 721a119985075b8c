package dev.switchboard.channel.widget.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the servlet writes back for a call of the visitors' API: a status, headers and a body. */
public record ApiAnswer(int status, Map<String, String> headers, byte[] body) {

    static final String JSON = "application/json;charset=UTF-8";

    public ApiAnswer {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    static ApiAnswer json(int status, Map<String, String> headers, String json) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", JSON);
        return new ApiAnswer(status, all, json.getBytes(StandardCharsets.UTF_8));
    }

    static ApiAnswer empty(int status, Map<String, String> headers) {
        return new ApiAnswer(status, headers, new byte[0]);
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
        return headers.get(name);
    }
}
