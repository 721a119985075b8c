package dev.switchboard.channel.widget.internal.transcript;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.chat.Attachment;
import dev.switchboard.api.chat.ClientMessage;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.domain.FileId;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One message as the widget receives it (the contract's {@code M}): {@code id, from ("client"|"team"), text, at,
 * author, edited, read, files[]}, each file with {@code name, type, size, kind, state, url, problem}. Texts and names
 * are JSON strings that the script shows as text, never as HTML. A file's {@code url} is a signed, expiring
 * {@code /media} link, made anew on each read; everything else comes from the transcript, which holds only what the
 * client may see (CARD-2, MSG-1, MSG-2).
 */
public final class MessageView {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private MessageView() {
    }

    /**
     * The message as JSON.
     *
     * @param link a link for a stored file, empty when none can be made now
     */
    public static ObjectNode json(ClientMessage message, Function<FileId, Optional<URI>> link) {
        ObjectNode m = JSON.objectNode();
        m.put("id", message.id().toString());
        m.put("from", message.fromClient() ? "client" : "team");
        m.put("text", message.text());
        m.put("at", message.at().toString());
        if (message.fromClient() || message.authorName().isEmpty()) {
            m.putNull("author");
        } else {
            m.put("author", message.authorName().get());
        }
        m.put("edited", message.editedAt().isPresent());
        m.put("read", message.delivery().filter(d -> d == DeliveryState.READ).isPresent());
        ArrayNode files = m.putArray("files");
        for (Attachment a : message.attachments()) {
            ObjectNode f = files.addObject();
            f.put("name", a.name());
            f.put("type", a.contentType());
            f.put("size", a.size());
            f.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
            f.put("state", a.state().name().toLowerCase(Locale.ROOT));
            Optional<URI> url = a.state() == Attachment.State.READY
                    ? a.file().flatMap(link) : Optional.empty();
            if (url.isPresent()) {
                f.put("url", url.get().toString());
            } else {
                f.putNull("url");
            }
            if (a.problem().isPresent()) {
                f.put("problem", a.problem().get());
            } else {
                f.putNull("problem");
            }
        }
        return m;
    }

    /**
     * What of a message the visitor would see change (its text, edit, read state, files), without the links, which
     * differ on every read: two reads of an unchanged message give the same value.
     */
    public static int fingerprint(ClientMessage message) {
        return Objects.hash(message.fromClient(), message.text(), message.at(), message.authorName(),
                message.editedAt(), message.delivery(), message.attachments());
    }
}
