package dev.switchboard.channel.widget.internal.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.domain.ConnectionId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Visitors' tokens (issue 10: "a returning visitor continues the same chat: identity is a signed token (HMAC with a
 * key per connection, rotatable)"). A token is {@code base64url(payload) "." base64url(signature)}, where the payload
 * is {@code {"c":connection,"u":visitor,"g":generation,"t":issued epoch seconds}} and the signature is HMAC-SHA256
 * over the encoded payload with the connection's token key of that generation, HMAC-SHA256(the connection's webhook
 * secret, {@code "widget-token:" + generation}).
 * <p>
 * A token is valid only for its own connection, and never names another visitor than the one it was issued to. The
 * owner rotates keys with the {@code token-generation} setting: tokens of the generation before the current one are
 * still taken and renewed (the answer carries a new token), older ones are refused, so raising it by 2 or more makes
 * every visitor start over. Nothing is stored on the server: the connection's secret is the whole state.
 */
public final class VisitorTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Far longer than any token this class issues (a 100-character user id makes about 250). */
    private static final int MAX_TOKEN = 1024;

    /** A token that passed: whose it is, and whether it is of the previous generation and must be renewed. */
    public record Verified(String visitor, int generation, boolean renew) {
    }

    private VisitorTokens() {
    }

    /** A token for {@code visitor} on the connection, of the current generation. */
    public static String issue(ConnectionId connection, String webhookSecret, int generation, String visitor,
                               Instant now) {
        if (!VisitorIds.valid(visitor)) {
            throw new IllegalArgumentException("not a visitor id this widget makes");
        }
        ObjectNode payload = JSON.createObjectNode();
        payload.put("c", connection.value());
        payload.put("u", visitor);
        payload.put("g", generation);
        payload.put("t", now.getEpochSecond());
        String encoded;
        try {
            encoded = ENCODER.encodeToString(JSON.writeValueAsBytes(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a token's payload could not be written", e);
        }
        return encoded + "." + ENCODER.encodeToString(sign(webhookSecret, generation, encoded));
    }

    /**
     * The token's visitor, when the token is genuine, of this connection, and of the current or the previous
     * generation; empty for anything else (forged, foreign, too old, malformed).
     */
    public static Optional<Verified> verify(String token, ConnectionId connection, String webhookSecret,
                                            int currentGeneration) {
        if (token == null || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot != token.lastIndexOf('.') || dot == token.length() - 1) {
            return Optional.empty();
        }
        String encoded = token.substring(0, dot);
        JsonNode payload;
        byte[] signature;
        try {
            payload = JSON.readTree(DECODER.decode(encoded));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
        if (payload == null || !payload.isObject() || !payload.path("c").isIntegralNumber()
                || !payload.path("g").isInt() || !payload.path("u").isTextual()) {
            return Optional.empty();
        }
        int generation = payload.path("g").intValue();
        if (generation < 1 || (generation != currentGeneration && generation != currentGeneration - 1)) {
            return Optional.empty();
        }
        // the signature is checked before anything else of the payload is believed
        if (!Hmac.same(sign(webhookSecret, generation, encoded), signature)) {
            return Optional.empty();
        }
        String visitor = payload.path("u").textValue();
        if (payload.path("c").longValue() != connection.value() || !VisitorIds.valid(visitor)) {
            return Optional.empty();
        }
        return Optional.of(new Verified(visitor, generation, generation != currentGeneration));
    }

    private static byte[] sign(String webhookSecret, int generation, String encodedPayload) {
        byte[] key = Hmac.sha256(webhookSecret, "widget-token:" + generation);
        return Hmac.sha256(key, encodedPayload.getBytes(StandardCharsets.US_ASCII));
    }
}
