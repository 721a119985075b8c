package dev.switchboard.chat.internal.inbox;

import dev.switchboard.api.chat.Message;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.chat.Attachment;
import dev.switchboard.chat.internal.store.AttachmentRows;
import dev.switchboard.chat.internal.store.MessageEntity;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** A keyset position: the time and id of the last row of the previous page (inbox tabs, chat history). */
public record Cursor(Instant lastActivity, long id) {

    public String encode() {
        String raw = lastActivity.getEpochSecond() + "." + lastActivity.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    public static Cursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int colon = raw.indexOf(':');
            int dot = raw.indexOf('.');
            Instant at = Instant.ofEpochSecond(Long.parseLong(raw.substring(0, dot)),
                    Long.parseLong(raw.substring(dot + 1, colon)));
            return new Cursor(at, Long.parseLong(raw.substring(colon + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidInput("cursor", "not a cursor of this listing");
        }
    }

    /**
     * A page of messages from a query that asked for one row more than {@code size}: the extra row only tells
     * that more follow, and the cursor points at the last message shown. Their files are read in one query.
     */
    public static Page<Message> messages(EntityManager em, List<MessageEntity> rows, int size) {
        List<MessageEntity> shown = rows.stream().limit(size).toList();
        Map<Long, List<Attachment>> files = AttachmentRows.of(em, shown.stream().map(MessageEntity::id).toList());
        List<Message> items = shown.stream().map(m -> m.toRecord(files.getOrDefault(m.id(), List.of()))).toList();
        if (rows.size() <= size) {
            return Page.last(items);
        }
        Message last = items.get(items.size() - 1);
        return new Page<>(items, Optional.of(new Cursor(last.at(), last.id().value()).encode()));
    }
}
