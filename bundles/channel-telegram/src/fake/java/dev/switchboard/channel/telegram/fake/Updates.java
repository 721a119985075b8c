package dev.switchboard.channel.telegram.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Telegram's {@code Update} objects as the Bot API sends them to a webhook (channel-facts.md §1 "Inbound shapes"),
 * built field by field with the documented names: a client's message in a private chat, its edit, and the bot
 * blocked or allowed again ({@code my_chat_member}). Tests add the fields of a variant (a photo, a document) to
 * {@link #message}'s object.
 */
public final class Updates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Updates() {
    }

    /**
     * A message of a client in their private chat with the bot (chat id = the client's user id), without its content:
     * add {@code text}, {@code photo}, {@code caption}...
     */
    public static ObjectNode message(long chat, long messageId, String firstName, String lastName) {
        ObjectNode message = JSON.createObjectNode().put("message_id", messageId)
                .put("date", Instant.now().getEpochSecond());
        ObjectNode from = message.putObject("from").put("id", chat).put("is_bot", false).put("first_name", firstName);
        if (lastName != null) {
            from.put("last_name", lastName);
        }
        from.put("language_code", "en");
        ObjectNode privateChat = message.putObject("chat").put("id", chat).put("type", "private")
                .put("first_name", firstName);
        if (lastName != null) {
            privateChat.put("last_name", lastName);
        }
        return message;
    }

    /** A client's text message. */
    public static String text(long updateId, long chat, long messageId, String firstName, String lastName,
                              String text) {
        return update(updateId, "message", message(chat, messageId, firstName, lastName).put("text", text));
    }

    /** The client changed the text of an earlier message. */
    public static String edited(long updateId, long chat, long messageId, String firstName, String text) {
        ObjectNode message = message(chat, messageId, firstName, null).put("text", text)
                .put("edit_date", Instant.now().getEpochSecond());
        return update(updateId, "edited_message", message);
    }

    /** The client blocked the bot ({@code kicked}) or allowed it again ({@code member}). */
    public static String membership(long updateId, long chat, long botId, String oldStatus, String newStatus) {
        ObjectNode change = JSON.createObjectNode();
        change.putObject("chat").put("id", chat).put("type", "private").put("first_name", "Client");
        change.putObject("from").put("id", chat).put("is_bot", false).put("first_name", "Client");
        change.put("date", Instant.now().getEpochSecond());
        change.putObject("old_chat_member").put("status", oldStatus).putObject("user").put("id", botId)
                .put("is_bot", true).put("first_name", "Bot");
        ObjectNode now = change.putObject("new_chat_member").put("status", newStatus);
        now.putObject("user").put("id", botId).put("is_bot", true).put("first_name", "Bot");
        if ("kicked".equals(newStatus)) {
            now.put("until_date", 0);
        }
        return update(updateId, "my_chat_member", change);
    }

    /** {@code {"update_id":..., "<kind>": {...}}}. */
    public static String update(long updateId, String kind, ObjectNode content) {
        ObjectNode update = JSON.createObjectNode().put("update_id", updateId);
        update.set(kind, content);
        return update.toString();
    }
}
