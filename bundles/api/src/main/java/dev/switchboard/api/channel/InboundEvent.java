package dev.switchboard.api.channel;

import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.domain.ConnectionId;
import java.time.Instant;

/**
 * What a platform tells the core about a connection (architecture §4): a client's message, or a change to one
 * already stored. A connector's {@link ChannelConnector#handle} turns a webhook into these; the core applies each
 * through the {@link Ingress}, idempotently, so a redelivered webhook changes nothing twice.
 */
public sealed interface InboundEvent permits InboundMessage, InboundEvent.Edited, InboundEvent.Receipt,
        InboundEvent.ReadUpTo, InboundEvent.DeliveryFailed, InboundEvent.Reachability, InboundEvent.ProfileChanged {

    ConnectionId connection();

    /**
     * The client edited a message (Telegram's {@code edited_message}, VK's {@code message_edit}): the stored text is
     * replaced, the chat shows "edited" and the team keeps the original. An edit of a message never stored is
     * ignored; an edit older than the one stored is ignored too.
     */
    record Edited(ConnectionId connection, String externalMessageId, String externalUserId, String text,
                  Instant editedAt) implements InboundEvent {
    }

    /**
     * The platform delivered, or the client read, one of the team's messages, named by the id the connector returned
     * in {@link DeliveryResult.Sent}. {@code state} is {@link DeliveryState#DELIVERED} or {@link DeliveryState#READ};
     * a message never goes back (READ stays READ), and READ also marks the earlier messages of the chat read.
     */
    record Receipt(ConnectionId connection, String externalMessageId, DeliveryState state, Instant at)
            implements InboundEvent {
        public Receipt {
            if (state != DeliveryState.DELIVERED && state != DeliveryState.READ) {
                throw new IllegalArgumentException("a receipt says DELIVERED or READ, not " + state);
            }
        }
    }

    /**
     * The client read everything the team sent before {@code upTo} (Messenger's {@code read.watermark}), or
     * everything was delivered up to then ({@code delivery.watermark}).
     */
    record ReadUpTo(ConnectionId connection, String externalUserId, DeliveryState state, Instant upTo)
            implements InboundEvent {
        public ReadUpTo {
            if (state != DeliveryState.DELIVERED && state != DeliveryState.READ) {
                throw new IllegalArgumentException("a watermark says DELIVERED or READ, not " + state);
            }
        }
    }

    /**
     * The platform reports later that a message it had accepted failed (WhatsApp's {@code statuses[].status =
     * failed}, Viber's {@code failed}): the message is shown failed with the reason and may be retried.
     */
    record DeliveryFailed(ConnectionId connection, String externalMessageId, Refusal refusal, String reason,
                          Instant at) implements InboundEvent {
    }

    /**
     * The client blocked the bot or unsubscribed ({@code reachable = false}: Telegram's {@code my_chat_member}
     * kicked, Viber's {@code unsubscribed}, VK's {@code message_deny}), or allowed messages again. An unreachable
     * chat shows it, and the composer says why instead of sending. A message from the client makes it reachable.
     *
     * @param reason what the team sees, in English (e.g. "blocked the bot")
     */
    record Reachability(ConnectionId connection, String externalUserId, boolean reachable, String reason,
                        Instant at) implements InboundEvent {
    }

    /**
     * The client's name or photo changed (CARD-2): names are refreshed on the card unless a manager edited them; a
     * photo is fetched into the blob store and shown from there.
     */
    record ProfileChanged(ConnectionId connection, String externalUserId, ClientProfile profile, Instant at)
            implements InboundEvent {
    }
}
