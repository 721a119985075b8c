package dev.switchboard.api.chat;

/** Where an outbound message is on its way to the client; it only moves forward (QUEUED → SENT → DELIVERED → READ). */
public enum DeliveryState {
    /** Stored in the outbox, not yet accepted by the channel. */
    QUEUED,
    /** The channel accepted it. */
    SENT,
    /** The channel reported it delivered. */
    DELIVERED,
    /** The channel reported that the client read it. */
    READ,
    /** The channel refused it, or retries ran out; {@link Message#failure()} says why. It can be retried. */
    FAILED
}
