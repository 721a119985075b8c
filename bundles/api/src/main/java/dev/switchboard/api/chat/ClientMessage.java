package dev.switchboard.api.chat;

import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.MessageId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One message of a {@link ClientTranscripts transcript}: what the client may see of it, and no more.
 *
 * @param fromClient  the client wrote it; otherwise the team sent it (a manager, an automation or a broadcast)
 * @param text        the current text; may be empty beside attachments
 * @param authorName  the display name of the member who wrote a team message; empty for automatic messages and the
 *                    client's own
 * @param attachments the message's files (a {@link Attachment.State#READY} one has its file id)
 * @param editedAt    when the client last edited their message
 * @param delivery    for team messages: {@link DeliveryState#SENT}, {@link DeliveryState#DELIVERED} or
 *                    {@link DeliveryState#READ}
 */
public record ClientMessage(MessageId id, ChatId chat, boolean fromClient, String text, Instant at,
                            Optional<String> authorName, List<Attachment> attachments, Optional<Instant> editedAt,
                            Optional<DeliveryState> delivery) {

    public ClientMessage {
        attachments = List.copyOf(attachments);
    }
}
