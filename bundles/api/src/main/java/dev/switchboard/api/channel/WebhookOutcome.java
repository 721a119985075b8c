package dev.switchboard.api.channel;

import java.util.List;

/**
 * What a connector's {@link ChannelConnector#handle} makes of a webhook call; the core acts on it (architecture §4,
 * channels.md "patterns"):
 * <ul>
 *   <li>{@link Accept}: the call is genuine. The core applies every event through the ingress, each in its own
 *       transaction and idempotently, and answers {@link Accept#answer()} only after all are committed. If one
 *       cannot be stored for now (the database is away) it answers 503, so that the platform delivers again and
 *       the events stored already are recognised as repeats. An event that can never be stored (a text over the
 *       limit) is logged and skipped, so that the platform does not repeat it for days.</li>
 *   <li>{@link Answer}: a handshake that stores nothing (Meta's {@code hub.challenge}, VK's confirmation).</li>
 *   <li>{@link Refuse}: the call failed verification (a wrong secret header, a bad signature): the core answers
 *       the status (401 or 403), stores nothing and logs the reason.</li>
 *   <li>{@link Ignore}: genuine but of no use (an event type the channel does not handle, a malformed body): the
 *       core answers 200 with the connector's answer and logs the reason, so that the platform does not redeliver
 *       it.</li>
 * </ul>
 */
public sealed interface WebhookOutcome {

    /** Genuine events to store, then {@code answer} (usually {@link WebhookAnswer#ok()}). */
    record Accept(List<InboundEvent> events, WebhookAnswer answer) implements WebhookOutcome {
        public Accept {
            events = List.copyOf(events);
        }

        public Accept(List<InboundEvent> events) {
            this(events, WebhookAnswer.ok());
        }
    }

    /** A handshake: answer without storing anything. */
    record Answer(WebhookAnswer answer) implements WebhookOutcome {
    }

    /** Failed verification: {@code status} 401 or 403, nothing stored, the reason logged (never the payload). */
    record Refuse(int status, String reason) implements WebhookOutcome {
        public Refuse {
            if (status != 401 && status != 403) {
                throw new IllegalArgumentException("a refused webhook is answered 401 or 403, not " + status);
            }
        }
    }

    /** Nothing to store, answered {@code answer} (200), the reason logged. */
    record Ignore(String reason, WebhookAnswer answer) implements WebhookOutcome {
        public Ignore(String reason) {
            this(reason, WebhookAnswer.ok());
        }
    }
}
