package dev.switchboard.api.channel;

import dev.switchboard.api.domain.MessageId;

/**
 * A message the outbox asks a channel to deliver.
 *
 * @param attempt 1 for the first try; a channel that can deduplicate sends (VK's {@code random_id}) should key
 *                on {@link #id()}, which stays the same across attempts
 */
public record OutboundMessage(MessageId id, ChannelConnection connection, String externalUserId, String text,
                              int attempt) {
}
