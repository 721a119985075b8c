package dev.switchboard.api.channel;

import dev.switchboard.api.domain.ConnectionId;
import java.time.Instant;
import java.util.Optional;

/**
 * A client's message as a channel bundle hands it to the core.
 *
 * @param externalMessageId the platform's id of the message: with the connection, the key that makes
 *                          redeliveries harmless
 * @param externalUserId    the platform's id of the client on this connection
 * @param source            the acquisition source (landing page, QR code, ...) if the platform tells it (GRP-2)
 */
public record InboundMessage(ConnectionId connection, String externalMessageId, String externalUserId,
                             ClientProfile profile, String text, Instant sentAt, Optional<String> source) {
}
