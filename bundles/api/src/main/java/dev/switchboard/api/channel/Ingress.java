package dev.switchboard.api.channel;

import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.MessageId;

/**
 * The core's door for inbound messages (INB-1). Idempotent on (connection, external message id): a redelivery
 * returns the stored message and writes nothing. Answer the platform 200 only after {@link #accept} returned;
 * if it throws, answer 5xx so the platform retries.
 */
public interface Ingress {

    /**
     * Stores the message in one transaction, creating the contact, the chat and a request as needed and
     * applying auto-forwarding; a client writing after Done reopens the chat in New (INB-3).
     *
     * @throws dev.switchboard.api.error.NotFound     for an unknown connection
     * @throws dev.switchboard.api.error.InvalidInput for an empty id or an over-long text
     */
    Received accept(InboundMessage message);

    /** The stored message; {@code duplicate} when it had been stored before. */
    record Received(MessageId message, ChatId chat, boolean duplicate) {
    }
}
