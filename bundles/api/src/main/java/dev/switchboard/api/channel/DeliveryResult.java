package dev.switchboard.api.channel;

/** What a channel says about one delivery attempt. */
public sealed interface DeliveryResult {

    /** The platform accepted the message. */
    record Sent(String externalId) implements DeliveryResult {
    }

    /** A passing failure (timeout, rate limit, 5xx): the outbox tries again later, with backoff. */
    record Retry(String reason) implements DeliveryResult {
    }

    /** The platform refused the message for good (blocked bot, closed window): shown as failed at once. */
    record Refused(String reason) implements DeliveryResult {
    }
}
