package dev.switchboard.api.channel;

import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.MessageId;
import java.util.Optional;

/**
 * The core's door for what platforms report (INB-1). Idempotent: a new message on (connection, external message id),
 * and every other event by what it changes, so a redelivery writes nothing. Answer the platform 200 only after a
 * call returned.
 * <p>
 * A call tells a permanent refusal from a passing failure: a {@link dev.switchboard.api.error.DomainException}
 * ({@link dev.switchboard.api.error.InvalidInput} for a bad value, {@link dev.switchboard.api.error.NotFound} for an
 * unknown, disabled or deleted connection) will fail the same way every time, so answer the platform so that it does
 * not repeat it; anything else (the database away) is passing: answer 5xx so that it delivers again.
 * The core's own webhook endpoint ({@link Webhooks}) does this for connectors; a channel bundle that serves its own
 * HTTP (the website widget) calls the ingress itself.
 * <p>
 * No call names an acting member; what is checked is the connection: unknown, deleted and disabled connections are
 * {@link dev.switchboard.api.error.NotFound}, and so, for a channel bundle (one that registers a
 * {@link ChannelConnector}), is a connection of a type it does not serve: the widget cannot store a message in a
 * Telegram connection (issue 12). Nothing is written then.
 */
public interface Ingress {

    /**
     * Stores a client's message in one transaction, creating the contact, the chat and a request as needed and
     * applying auto-forwarding; a client writing after Done reopens the chat in New (INB-3). Its attachments and a
     * new photo are fetched after the commit.
     *
     * @throws dev.switchboard.api.error.NotFound     for an unknown, disabled or deleted connection
     * @throws dev.switchboard.api.error.InvalidInput for an empty id or an over-long text
     */
    Received accept(InboundMessage message);

    /**
     * Applies any event: a message as {@link #accept}, an edit, a receipt, a reachability or profile change.
     *
     * @return what it changed; empty for an event that found nothing to change (a receipt for a message that is not
     *         stored, an edit older than the stored text)
     */
    Optional<Received> apply(InboundEvent event);

    /** The message the event stored or changed; {@code duplicate} when nothing changed because it had been done. */
    record Received(MessageId message, ChatId chat, boolean duplicate) {
    }
}
