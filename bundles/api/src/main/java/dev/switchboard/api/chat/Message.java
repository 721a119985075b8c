package dev.switchboard.api.chat;

import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.MessageId;
import java.time.Instant;
import java.util.Optional;

/**
 * One message of a chat.
 *
 * @param author     the member who wrote an outbound message or note (empty for inbound and automation)
 * @param origin     for outbound messages: manager, automation or broadcast (MSG-2)
 * @param event      for system messages: what happened (MSG-4)
 * @param delivery   for outbound messages: where the message is
 * @param failure    for failed outbound messages: the channel's reason
 * @param externalId the platform's id of an inbound or sent message
 */
public record Message(MessageId id, ChatId chat, MessageKind kind, Optional<MemberId> author,
                      Optional<Origin> origin, String text, Optional<SystemEvent> event, Instant at,
                      Optional<DeliveryState> delivery, Optional<String> failure, Optional<String> externalId) {
}
