package dev.switchboard.api.chat;

import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.MessageId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One message of a chat.
 *
 * @param author       the member who wrote an outbound message or note (empty for inbound and automation)
 * @param origin       for outbound messages: manager, automation or broadcast (MSG-2)
 * @param text         the current text (after the client's last edit); may be empty beside attachments
 * @param event        for system messages: what happened (MSG-4)
 * @param delivery     for outbound messages: where the message is
 * @param failure      for failed outbound messages: the channel's reason
 * @param externalId   the platform's id of an inbound or sent message
 * @param attachments  the message's files, in order
 * @param editedAt     when the client last edited the message
 * @param originalText the text before the client's first edit, kept for the team
 */
public record Message(MessageId id, ChatId chat, MessageKind kind, Optional<MemberId> author,
                      Optional<Origin> origin, String text, Optional<SystemEvent> event, Instant at,
                      Optional<DeliveryState> delivery, Optional<String> failure, Optional<String> externalId,
                      List<Attachment> attachments, Optional<Instant> editedAt, Optional<String> originalText) {

    public Message {
        attachments = List.copyOf(attachments);
    }

    /** A message without files or edits. */
    public Message(MessageId id, ChatId chat, MessageKind kind, Optional<MemberId> author, Optional<Origin> origin,
                   String text, Optional<SystemEvent> event, Instant at, Optional<DeliveryState> delivery,
                   Optional<String> failure, Optional<String> externalId) {
        this(id, chat, kind, author, origin, text, event, at, delivery, failure, externalId, List.of(),
                Optional.empty(), Optional.empty());
    }
}
