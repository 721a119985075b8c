package dev.switchboard.api.channel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What a channel says about one delivery attempt. */
public sealed interface DeliveryResult {

    /**
     * The platform accepted the message.
     *
     * @param externalIds the platform's ids of what was sent (one per part when the connector sent a long text in
     *                    pieces or each file on its own); receipts name one of them
     */
    record Sent(List<String> externalIds) implements DeliveryResult {
        public Sent {
            externalIds = List.copyOf(externalIds);
        }

        public Sent(String externalId) {
            this(List.of(externalId));
        }
    }

    /**
     * A passing failure (timeout, 5xx, rate limit): the outbox tries again after a backoff with jitter, and not
     * before {@code after} when the platform said how long to wait (Telegram's {@code retry_after}). An
     * {@code after} holds the connection's other messages too, on every node, since platforms limit per bot. The
     * outbox gives up after its configured attempts and shows the message failed with the reason.
     */
    record Retry(String reason, Optional<Duration> after) implements DeliveryResult {
        public Retry(String reason) {
            this(reason, Optional.empty());
        }
    }

    /** The platform refused the message for good: shown as failed at once, with the reason and Retry. */
    record Refused(Refusal refusal, String reason) implements DeliveryResult {
        public Refused(String reason) {
            this(Refusal.OTHER, reason);
        }
    }

    /**
     * The connection itself does not work (the platform refused the bot's token): the message waits without using
     * up an attempt, the connection shows failing with the reason until an owner fixes it, and the outbox tries the
     * connection again after a pause.
     */
    record ConnectionFailing(String reason) implements DeliveryResult {
    }
}
