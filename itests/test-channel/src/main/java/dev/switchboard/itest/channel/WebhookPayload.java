package dev.switchboard.itest.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.InboundAttachment;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.Refusal;
import dev.switchboard.api.channel.RemoteFile;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.files.MediaKind;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The test platform's webhook body: JSON, one event object or {@code {"events": [ ... ]}} with several, each with a
 * {@code type}. Times ({@code at}, {@code up_to}) are ISO-8601 instants and default to now.
 * <pre>
 * message   id, user, text, first_name, last_name, email, phone, photo, files: [file, ...], source,
 *           tracking: {ga, url, referrer}                         (id and user required)
 * edited    id, user, text                                        (all required)
 * receipt   id (the id the channel returned for a sent message), state: delivered | read
 * read      user, state: delivered | read, up_to                  (a watermark)
 * failed    id (a sent message's), refusal (a Refusal's name, default OTHER), reason
 * blocked   user, reason (default "blocked the bot")
 * unblocked user
 * profile   user, first_name, last_name, email, phone, photo
 * file      ref (an http(s) URL the connector fetches), key, name, kind: image | video | audio | file (default
 *           file), type (the content type the platform claims), size (the size it claims)
 * </pre>
 * An event of another type is skipped; a body that is not such JSON, or an event without a required field, makes
 * the whole call {@link Malformed}.
 */
final class WebhookPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayload() {
    }

    /** A body the test platform never sends. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String reason) {
            super(reason);
        }
    }

    /** The events the body carries for {@code connection}, in order; event types the channel does not know left out. */
    static List<InboundEvent> read(byte[] body, ConnectionId connection) throws Malformed {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Malformed("not JSON");
        } catch (IOException e) {
            throw new Malformed("unreadable");
        }
        if (root == null || !root.isObject()) {
            throw new Malformed("not a JSON object");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (root.has("events")) {
            if (!root.get("events").isArray()) {
                throw new Malformed("events is not a list");
            }
            root.get("events").forEach(nodes::add);
        } else {
            nodes.add(root);
        }
        List<InboundEvent> events = new ArrayList<>();
        for (JsonNode node : nodes) {
            event(node, connection).ifPresent(events::add);
        }
        return events;
    }

    private static Optional<InboundEvent> event(JsonNode e, ConnectionId connection) throws Malformed {
        if (!e.isObject()) {
            throw new Malformed("an event is not a JSON object");
        }
        Instant at = instant(e, "at");
        return switch (e.path("type").asText("")) {
            case "message" -> Optional.of(new InboundMessage(connection, required(e, "id"), required(e, "user"),
                    profile(e), e.path("text").asText(""), at, text(e, "source"), tracking(e), files(e)));
            case "edited" -> Optional.of(new InboundEvent.Edited(connection, required(e, "id"), required(e, "user"),
                    required(e, "text"), at));
            case "receipt" -> Optional.of(new InboundEvent.Receipt(connection, required(e, "id"), state(e), at));
            case "read" -> Optional.of(new InboundEvent.ReadUpTo(connection, required(e, "user"), state(e),
                    instant(e, "up_to")));
            case "failed" -> Optional.of(new InboundEvent.DeliveryFailed(connection, required(e, "id"), refusal(e),
                    text(e, "reason").orElse("the platform could not deliver the message"), at));
            case "blocked" -> Optional.of(new InboundEvent.Reachability(connection, required(e, "user"), false,
                    text(e, "reason").orElse("blocked the bot"), at));
            case "unblocked" -> Optional.of(new InboundEvent.Reachability(connection, required(e, "user"), true,
                    text(e, "reason").orElse("allowed messages again"), at));
            case "profile" -> Optional.of(new InboundEvent.ProfileChanged(connection, required(e, "user"), profile(e),
                    at));
            default -> Optional.empty();
        };
    }

    private static ClientProfile profile(JsonNode e) throws Malformed {
        ClientProfile profile = new ClientProfile(text(e, "first_name"), text(e, "last_name"), Optional.empty())
                .withContacts(text(e, "email"), text(e, "phone"));
        return e.has("photo") ? profile.withPhoto(file(e.get("photo"))) : profile;
    }

    private static Optional<InboundMessage.Tracking> tracking(JsonNode e) {
        JsonNode t = e.path("tracking");
        if (!t.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new InboundMessage.Tracking(text(t, "ga"), text(t, "url"), text(t, "referrer")));
    }

    private static List<InboundAttachment> files(JsonNode e) throws Malformed {
        List<InboundAttachment> files = new ArrayList<>();
        if (!e.has("files")) {
            return files;
        }
        if (!e.get("files").isArray()) {
            throw new Malformed("files is not a list");
        }
        for (JsonNode f : e.get("files")) {
            MediaKind kind;
            try {
                kind = MediaKind.valueOf(f.path("kind").asText("file").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new Malformed("a file's kind is image, video, audio or file");
            }
            files.add(new InboundAttachment(kind, file(f)));
        }
        return files;
    }

    private static RemoteFile file(JsonNode f) throws Malformed {
        if (!f.isObject()) {
            throw new Malformed("a file is not a JSON object");
        }
        String ref = required(f, "ref");
        if (ref.length() > 2000) {
            throw new Malformed("a file's ref is longer than 2000 characters");
        }
        OptionalLong size = f.path("size").canConvertToLong() ? OptionalLong.of(f.path("size").asLong())
                : OptionalLong.empty();
        return new RemoteFile(ref, text(f, "key"), text(f, "name"), text(f, "type"), size);
    }

    private static DeliveryState state(JsonNode e) throws Malformed {
        return switch (e.path("state").asText("")) {
            case "delivered" -> DeliveryState.DELIVERED;
            case "read" -> DeliveryState.READ;
            default -> throw new Malformed("state is delivered or read");
        };
    }

    private static Refusal refusal(JsonNode e) throws Malformed {
        try {
            return Refusal.valueOf(e.path("refusal").asText("OTHER"));
        } catch (IllegalArgumentException unknown) {
            throw new Malformed("refusal is one of " + List.of(Refusal.values()));
        }
    }

    private static Instant instant(JsonNode e, String field) throws Malformed {
        Optional<String> value = text(e, field);
        if (value.isEmpty()) {
            return Instant.now();
        }
        try {
            return Instant.parse(value.get());
        } catch (DateTimeParseException bad) {
            throw new Malformed(field + " is not an ISO-8601 instant");
        }
    }

    private static String required(JsonNode e, String field) throws Malformed {
        return text(e, field).orElseThrow(() -> new Malformed("an event of type " + e.path("type").asText()
                + " has no " + field));
    }

    /** A field's text, absent when missing, null, not a scalar or blank (platforms send empty fields). */
    private static Optional<String> text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || !v.isValueNode() || v.isNull() ? Optional.empty()
                : Optional.of(v.asText()).filter(s -> !s.isBlank());
    }
}
