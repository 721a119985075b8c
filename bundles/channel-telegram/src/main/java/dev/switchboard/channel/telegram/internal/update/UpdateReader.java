package dev.switchboard.channel.telegram.internal.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.InboundAttachment;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.WebhookOutcome;
import dev.switchboard.api.domain.ConnectionId;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one webhook call's {@code Update} (Bot API; channel-facts.md §1) into what the core stores (INB-1, MSG-1,
 * MSG-2, CARD-2), after the connector has verified the secret header:
 * <ul>
 *   <li>{@code message} of a private chat: an {@link InboundMessage} of the client (chat id = the client's id on
 *       the connection; {@code <chat id>:<message_id>} as its id, unique within the connection), with its text or
 *       caption ({@link Entities}: a link's address kept beside its text), its file ({@link Media}), the client's
 *       names from {@code from}, and a deep link's {@code /start <parameter>} as the acquisition source;</li>
 *   <li>{@code edited_message}: an {@link InboundEvent.Edited} of that id;</li>
 *   <li>{@code my_chat_member} of a private chat: the client blocked the bot ({@code kicked}) or allowed it again
 *       ({@code member}), an {@link InboundEvent.Reachability};</li>
 *   <li>everything else (groups, channels, other update types, a body that is no update) is
 *       {@link WebhookOutcome.Ignore}d with the reason, answered 200 so that Telegram does not send it again.</li>
 * </ul>
 * An album ({@code media_group_id}) arrives as one update per item; each is stored as a message of its own, in
 * order, the caption with the item that carries it. Repeats need no memory here: Telegram repeats an update with
 * its {@code update_id} and the same {@code message_id}, so the ingress's key (connection, chat:message_id) and the
 * idempotent edit and reachability events make a repeat change nothing. An in-memory filter by {@code update_id}
 * would be wrong, not just redundant: a repeat after the core answered 503 must be stored, not skipped.
 * <p>
 * Never throws for what Telegram or a forger may send (the fuzz test feeds it random and truncated JSON).
 */
public final class UpdateReader {

    /** The update types the connector asks Telegram for ({@code setWebhook}'s {@code allowed_updates}). */
    public static final List<String> ALLOWED_UPDATES = List.of("message", "edited_message", "my_chat_member");

    /** A deep link's start: {@code t.me/<bot>?start=<parameter>} makes the client's first message this. */
    private static final Pattern START = Pattern.compile("/start ([A-Za-z0-9_-]{1,64})");

    private final ObjectMapper json;

    public UpdateReader(ObjectMapper json) {
        this.json = json;
    }

    /** The events in one webhook body for {@code connection}, or why there are none. */
    public WebhookOutcome read(byte[] body, ConnectionId connection) {
        JsonNode update;
        try {
            update = json.readTree(body);
        } catch (IOException e) {
            return new WebhookOutcome.Ignore("not JSON");
        }
        if (update == null || !update.isObject() || !update.path("update_id").canConvertToLong()) {
            return new WebhookOutcome.Ignore("not a Telegram update (no update_id)");
        }
        try {
            if (update.has("message")) {
                return accept(message(update.get("message"), connection));
            }
            if (update.has("edited_message")) {
                return edit(update.get("edited_message"), connection);
            }
            if (update.has("my_chat_member")) {
                return member(update.get("my_chat_member"), connection);
            }
        } catch (NotPrivate e) {
            return new WebhookOutcome.Ignore(e.getMessage());
        } catch (Malformed e) {
            return new WebhookOutcome.Ignore("a malformed update: " + e.getMessage());
        }
        return new WebhookOutcome.Ignore("an update of a type the channel does not handle: " + kind(update));
    }

    private static WebhookOutcome accept(Optional<InboundMessage> message) {
        return message.<WebhookOutcome>map(m -> new WebhookOutcome.Accept(List.of(m)))
                .orElseGet(() -> new WebhookOutcome.Ignore("a message the channel cannot show (no text, no file)"));
    }

    private static Optional<InboundMessage> message(JsonNode message, ConnectionId connection) throws Malformed {
        Chat chat = chat(message);
        long messageId = integer(message, "message_id");
        Instant date = time(message, "date");
        String text = textOrCaption(message).orElse("");
        Optional<InboundAttachment> file = Media.of(message);
        if (text.isEmpty()) {
            text = Media.asText(message).orElse("");
        }
        if (text.isEmpty() && file.isEmpty()) {
            return Optional.empty();
        }
        JsonNode from = message.path("from");
        ClientProfile profile = new ClientProfile(optionalText(from, "first_name"), optionalText(from, "last_name"),
                Optional.empty());
        Matcher start = START.matcher(text);
        Optional<String> source = start.matches() ? Optional.of(start.group(1)) : Optional.empty();
        return Optional.of(new InboundMessage(connection, chat.id + ":" + messageId, Long.toString(chat.id), profile,
                text, date, source, Optional.empty(), file.stream().toList()));
    }

    private static WebhookOutcome edit(JsonNode message, ConnectionId connection) throws Malformed {
        Chat chat = chat(message);
        long messageId = integer(message, "message_id");
        Instant at = time(message, message.has("edit_date") ? "edit_date" : "date");
        Optional<String> text = textOrCaption(message);
        if (text.isEmpty()) {
            return new WebhookOutcome.Ignore("an edit with no text (a file replaced)");
        }
        return new WebhookOutcome.Accept(List.of(new InboundEvent.Edited(connection, chat.id + ":" + messageId,
                Long.toString(chat.id), text.get(), at)));
    }

    private static WebhookOutcome member(JsonNode change, ConnectionId connection) throws Malformed {
        Chat chat = chat(change);
        String status = change.path("new_chat_member").path("status").asText("");
        Instant at = time(change, "date");
        return switch (status) {
            case "kicked" -> new WebhookOutcome.Accept(List.of(new InboundEvent.Reachability(connection,
                    Long.toString(chat.id), false, "blocked the bot", at)));
            case "member" -> new WebhookOutcome.Accept(List.of(new InboundEvent.Reachability(connection,
                    Long.toString(chat.id), true, "allowed the bot again", at)));
            default -> new WebhookOutcome.Ignore("the bot's membership changed to " + status);
        };
    }

    /** The message's text, else its caption (a photo's, a document's), each with its links kept as text. */
    private static Optional<String> textOrCaption(JsonNode message) throws Malformed {
        Optional<String> text = optionalText(message, "text");
        if (text.isPresent()) {
            return Entities.text(text, message.path("entities"));
        }
        return Entities.text(optionalText(message, "caption"), message.path("caption_entities"));
    }

    /** A private chat's id; other chats are no client's. */
    private static Chat chat(JsonNode holder) throws Malformed {
        JsonNode chat = holder.path("chat");
        long id = integer(chat, "id");
        String type = chat.path("type").asText("");
        if (!"private".equals(type)) {
            throw new NotPrivate(type);
        }
        return new Chat(id);
    }

    private record Chat(long id) {
    }

    static long integer(JsonNode holder, String field) throws Malformed {
        JsonNode value = holder.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new Malformed("no whole number " + field);
        }
        return value.longValue();
    }

    /** A Unix time as Telegram sends it: seconds since 1970, before the year 5000. */
    private static Instant time(JsonNode holder, String field) throws Malformed {
        long seconds = integer(holder, field);
        if (seconds < 0 || seconds > 95_000_000_000L) {
            throw new Malformed(field + " is no time");
        }
        return Instant.ofEpochSecond(seconds);
    }

    static Optional<String> optionalText(JsonNode holder, String field) throws Malformed {
        JsonNode value = holder.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new Malformed(field + " is not text");
        }
        return Optional.of(value.textValue()).filter(s -> !s.isEmpty());
    }

    private static String kind(JsonNode update) {
        for (Iterator<String> names = update.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!"update_id".equals(name)) {
                return name.length() > 40 ? name.substring(0, 40) : name;
            }
        }
        return "none";
    }

    /** A field Telegram always sends is missing or of the wrong type. */
    static class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** An update of a group, a supergroup or a channel: the inbox is for clients who write to the bot. */
    private static final class NotPrivate extends Malformed {
        private static final long serialVersionUID = 1L;

        NotPrivate(String type) {
            super("a " + (type.isEmpty() ? "chat of no type" : type.length() > 20 ? type.substring(0, 20) : type)
                    + " chat, not a client's private chat");
        }
    }
}
