package dev.switchboard.api.channel;

import dev.switchboard.api.chat.Origin;
import dev.switchboard.api.domain.MessageId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A message the outbox asks a channel to deliver (MSG-2).
 *
 * @param text            may be empty when the message is only attachments
 * @param origin          manager, automation or broadcast: platforms with messaging windows pick the message's
 *                        type by it (Meta's {@code HUMAN_AGENT} tag is for people only)
 * @param clientLastWrote when the client last wrote in this chat, for platforms with a messaging window
 * @param attempt         1 for the first try; a channel that can deduplicate sends (VK's {@code random_id}) keys on
 *                        {@link #id()}, which stays the same across attempts
 */
public record OutboundMessage(MessageId id, ConnectionContext connection, String externalUserId, String text,
                              List<OutboundAttachment> attachments, Origin origin, Optional<Instant> clientLastWrote,
                              int attempt) {

    public OutboundMessage {
        attachments = List.copyOf(attachments);
    }
}
