package dev.switchboard.channel.telegram.internal.botapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * The Bot API's answer to one method call: {@code {"ok":true,"result":...}} or {@code {"ok":false,"error_code":429,
 * "description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}}. A body that is not such an
 * object (a proxy's HTML page, a cut connection) is an error whose code is the HTTP status.
 *
 * @param status      the HTTP status
 * @param errorCode   the Bot API's {@code error_code} (mostly the HTTP status); 0 when ok
 * @param description the Bot API's {@code description}: written for developers, in English, never holds the token
 * @param retryAfter  {@code parameters.retry_after} in seconds, for 429
 */
public record BotAnswer(int status, boolean ok, JsonNode result, int errorCode, String description,
                        OptionalLong retryAfter) {

    static BotAnswer read(ObjectMapper json, int status, byte[] body) {
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (IOException e) {
            answer = MissingNode.getInstance();
        }
        if (answer == null || !answer.isObject() || !answer.path("ok").isBoolean()) {
            return new BotAnswer(status, false, MissingNode.getInstance(), status,
                    "HTTP " + status + " without a Bot API answer", OptionalLong.empty());
        }
        if (answer.path("ok").booleanValue()) {
            return new BotAnswer(status, true, answer.path("result"), 0, "", OptionalLong.empty());
        }
        JsonNode retry = answer.path("parameters").path("retry_after");
        return new BotAnswer(status, false, MissingNode.getInstance(),
                answer.path("error_code").isInt() ? answer.path("error_code").intValue() : status,
                answer.path("description").asText("HTTP " + status),
                retry.canConvertToLong() && retry.longValue() >= 0 ? OptionalLong.of(retry.longValue())
                        : OptionalLong.empty());
    }

    /** The answer as the team or the owner reads it: {@code Telegram: Forbidden: bot was blocked by the user}. */
    public String reason() {
        return "Telegram: " + description + (errorCode == 0 ? "" : " (" + errorCode + ")");
    }

    /** Whether the Bot API refused the token: 401, or 404 for a token of the wrong shape. */
    public boolean tokenRefused() {
        return !ok && (errorCode == 401 || errorCode == 404);
    }
}
