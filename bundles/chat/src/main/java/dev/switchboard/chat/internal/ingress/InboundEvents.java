package dev.switchboard.chat.internal.ingress;

import dev.switchboard.api.card.ContactDirectory;
import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.Ingress.Received;
import dev.switchboard.api.channel.Refusal;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.chat.internal.connection.Connections;
import dev.switchboard.chat.internal.connection.LiveConnection;
import dev.switchboard.chat.internal.engine.ChatEventPublisher;
import dev.switchboard.chat.internal.engine.Reachability;
import dev.switchboard.chat.internal.fetch.Fetches;
import dev.switchboard.chat.internal.store.ChatEntity;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What platforms report beside new messages (architecture §4): the client's edits, delivery and read receipts,
 * late failures, blocking and unblocking, profile changes. Each is idempotent: applied twice, it changes nothing the
 * second time. A delivery state only moves forward (QUEUED, SENT, DELIVERED, READ); FAILED stays until a retry.
 */
final class InboundEvents {

    private final PersistenceUnit unit;
    private final Connections connections;
    private final ChatEventPublisher events;
    private final ContactDirectory contacts;
    private final Fetches fetches;
    private final Clock clock;

    /** The connection changed since it was read: read it again and check it before storing. */
    static final class Stale extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stale() {
            super(null, null, false, false);
        }
    }

    InboundEvents(PersistenceUnit unit, Connections connections, ChatEventPublisher events, ContactDirectory contacts,
                  Fetches fetches, Clock clock) {
        this.unit = unit;
        this.connections = connections;
        this.events = events;
        this.contacts = contacts;
        this.fetches = fetches;
        this.clock = clock;
    }

    /** The connection, if it exists and is switched on; a permanent refusal otherwise. */
    static LiveConnection enabled(Connections connections, ConnectionId id) {
        return connections.live(id).filter(LiveConnection::enabled)
                .orElseThrow(() -> new NotFound("connection", id));
    }

    /**
     * Fails with {@link Stale} when the connection's row is not at the version it was read at: changed, disabled or
     * deleted meanwhile, maybe by another node. One primary-key read in the caller's transaction.
     */
    static void checkVersion(EntityManager em, LiveConnection live) {
        List<?> rows = em.createNativeQuery("select version from channel_connection where id = ?1")
                .setParameter(1, live.id()).getResultList();
        if (rows.isEmpty() || ((Number) rows.get(0)).longValue() != live.version()) {
            throw new Stale();
        }
    }

    Optional<Received> apply(InboundEvent event) {
        for (int attempt = 1; ; attempt++) {
            LiveConnection live = enabled(connections, event.connection());
            try {
                return applyOnce(event, live);
            } catch (Stale e) {
                connections.forget(event.connection());
                if (attempt == 3) {
                    throw new dev.switchboard.api.store.StoreException("connection " + event.connection()
                            + " keeps changing");
                }
            }
        }
    }

    private Optional<Received> applyOnce(InboundEvent event, LiveConnection live) {
        if (event instanceof InboundEvent.Edited e) {
            return edited(e, live);
        }
        if (event instanceof InboundEvent.Receipt e) {
            return receipt(e, live);
        }
        if (event instanceof InboundEvent.ReadUpTo e) {
            return readUpTo(e, live);
        }
        if (event instanceof InboundEvent.DeliveryFailed e) {
            return failed(e, live);
        }
        if (event instanceof InboundEvent.Reachability e) {
            reachability(e, live);
            return Optional.empty();
        }
        if (event instanceof InboundEvent.ProfileChanged e) {
            profile(e, live);
            return Optional.empty();
        }
        throw new IllegalArgumentException("the ingress takes new messages through accept: " + event.getClass());
    }

    /** The client edited a message: the text is replaced, the original kept for the team. */
    private Optional<Received> edited(InboundEvent.Edited e, LiveConnection live) {
        if (e.text() == null || e.text().length() > 10_000) {
            throw new InvalidInput("text", "at most 10000 characters");
        }
        return unit.inTransaction((em, tx) -> {
            checkVersion(em, live);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select id, chat_id, project_id, edited_at, text, created_at"
                            + " from message where connection_id = ?1 and external_id = ?2")
                    .setParameter(1, live.id()).setParameter(2, e.externalMessageId()).getResultList();
            if (rows.isEmpty()) {
                return Optional.<Received>empty();
            }
            Object[] r = rows.get(0);
            long id = ((Number) r[0]).longValue();
            long chat = ((Number) r[1]).longValue();
            long project = ((Number) r[2]).longValue();
            Instant editedBefore = StoreTimes.instant(r[3]);
            Instant at = StoreTimes.utc(e.editedAt()).toInstant();
            if ((editedBefore != null && !at.isAfter(editedBefore)) || e.text().equals(r[4])) {
                return Optional.of(new Received(new MessageId(id), new ChatId(chat), true));
            }
            em.createNativeQuery("update message set original_text = coalesce(original_text, text), text = ?1,"
                            + " edited_at = ?2 where id = ?3")
                    .setParameter(1, e.text()).setParameter(2, StoreTimes.utc(at)).setParameter(3, id).executeUpdate();
            // the inbox line shows the edited text while the message is still the chat's latest
            int line = em.createNativeQuery("update chat set last_message = ?1 where id = ?2 and not exists"
                            + " (select 1 from message m where m.chat_id = ?2 and m.kind in ('INBOUND', 'OUTBOUND')"
                            + " and (m.created_at > ?3 or (m.created_at = ?3 and m.id > ?4)))")
                    .setParameter(1, ChatEntity.shorten(e.text())).setParameter(2, chat).setParameter(3, r[5])
                    .setParameter(4, id).executeUpdate();
            tx.afterCommit(() -> {
                events.messageChanged(project, chat, id);
                if (line > 0) {
                    events.chatChanged(project, chat);
                }
            });
            return Optional.of(new Received(new MessageId(id), new ChatId(chat), false));
        });
    }

    /** A receipt for one sent message; READ also marks the chat's earlier messages read. */
    private Optional<Received> receipt(InboundEvent.Receipt e, LiveConnection live) {
        return onSent(live, e.externalMessageId(), (em, tx, s) -> {
            List<Long> changed = advance(em, "m.id = ?1", List.of(s.id()), e.state());
            if (e.state() == DeliveryState.READ) {
                changed = new java.util.ArrayList<>(changed);
                changed.addAll(advance(em, "m.chat_id = ?1 and m.kind = 'OUTBOUND' and (m.created_at < ?2"
                        + " or (m.created_at = ?2 and m.id < ?3))", List.of(s.chat(), StoreTimes.utc(s.at()), s.id()),
                        DeliveryState.READ));
            }
            List<Long> done = List.copyOf(changed);
            tx.afterCommit(() -> done.forEach(id -> events.deliveryChanged(s.project(), s.chat(), id)));
            return new Received(new MessageId(s.id()), new ChatId(s.chat()), !done.contains(s.id()));
        });
    }

    /** Everything sent to the client before a time was delivered or read (Messenger's watermarks). */
    private Optional<Received> readUpTo(InboundEvent.ReadUpTo e, LiveConnection live) {
        return unit.inTransaction((em, tx) -> {
            checkVersion(em, live);
            List<?> chats = em.createNativeQuery("select id, project_id from chat where connection_id = ?1"
                            + " and external_user_id = ?2")
                    .setParameter(1, live.id()).setParameter(2, e.externalUserId()).getResultList();
            if (chats.isEmpty()) {
                return Optional.<Received>empty();
            }
            Object[] c = (Object[]) chats.get(0);
            long chat = ((Number) c[0]).longValue();
            long project = ((Number) c[1]).longValue();
            List<Long> changed = advance(em, "m.chat_id = ?1 and m.kind = 'OUTBOUND' and m.created_at <= ?2",
                    List.of(chat, StoreTimes.utc(e.upTo())), e.state());
            tx.afterCommit(() -> changed.forEach(id -> events.deliveryChanged(project, chat, id)));
            return changed.isEmpty() ? Optional.<Received>empty()
                    : Optional.of(new Received(new MessageId(changed.get(changed.size() - 1)), new ChatId(chat), false));
        });
    }

    /** The platform failed a message it had accepted (WhatsApp, Viber): failed with the reason, retryable. */
    private Optional<Received> failed(InboundEvent.DeliveryFailed e, LiveConnection live) {
        return onSent(live, e.externalMessageId(), (em, tx, s) -> {
            String reason = e.reason() == null || e.reason().isBlank() ? e.refusal().name() : e.reason();
            int changed = em.createNativeQuery("update message set delivery = 'FAILED', failure = ?1 where id = ?2"
                            + " and delivery <> 'FAILED'")
                    .setParameter(1, reason.length() <= 1000 ? reason : reason.substring(0, 1000))
                    .setParameter(2, s.id()).executeUpdate();
            // only the first report: a redelivered one must not make a client who wrote since unreachable again
            if (changed > 0 && e.refusal() == Refusal.CLIENT_BLOCKED) {
                Reachability.mark(em, tx, events, s.chat(), Optional.of(reason), clock.instant());
            }
            if (changed > 0) {
                tx.afterCommit(() -> events.deliveryChanged(s.project(), s.chat(), s.id()));
            }
            return new Received(new MessageId(s.id()), new ChatId(s.chat()), changed == 0);
        });
    }

    private void reachability(InboundEvent.Reachability e, LiveConnection live) {
        unit.inTransaction((em, tx) -> {
            checkVersion(em, live);
            List<?> chats = em.createNativeQuery("select id from chat where connection_id = ?1"
                            + " and external_user_id = ?2")
                    .setParameter(1, live.id()).setParameter(2, e.externalUserId()).getResultList();
            for (Object chat : chats) {
                // a platform that gives no reason still blocked the bot: the mark says "unreachable" then
                Reachability.mark(em, tx, events, ((Number) chat).longValue(),
                        e.reachable() ? Optional.empty() : Optional.of(e.reason() == null ? "" : e.reason()), e.at());
            }
            return null;
        });
    }

    /** New names refresh the card (unless a manager edited them); a new photo is fetched into the blob store. */
    private void profile(InboundEvent.ProfileChanged e, LiveConnection live) {
        ChannelConnection connection = live.context().connection();
        Optional<ContactId> known = contacts.find(connection.id(), e.externalUserId());
        if (known.isEmpty()) {
            return;
        }
        ContactId contact = contacts.identify(connection.project(), connection.id(), e.externalUserId(), e.profile());
        fetches.profile(connection, contact, e.externalUserId(), e.profile().photo(), false);
    }

    /** A sent message found by one of the platform's ids for it. */
    private record Sent(long id, long chat, long project, Instant at) {
    }

    /** What a receipt or a late failure does to the sent message it names. */
    @FunctionalInterface
    private interface SentWork {
        Received apply(EntityManager em, PersistenceUnit.Transaction tx, Sent sent);
    }

    /**
     * Runs {@code work} on the sent message the platform names by {@code externalId}, in one transaction checked
     * against the connection's version; empty when no sent message has that id.
     */
    private Optional<Received> onSent(LiveConnection live, String externalId, SentWork work) {
        return unit.inTransaction((em, tx) -> {
            checkVersion(em, live);
            Optional<Sent> sent = sent(em, live.id(), externalId);
            return sent.isEmpty() ? Optional.<Received>empty() : Optional.of(work.apply(em, tx, sent.get()));
        });
    }

    private static Optional<Sent> sent(EntityManager em, long connection, String externalId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select m.id, m.chat_id, m.project_id, m.created_at"
                        + " from message_sent_id s join message m on m.id = s.message_id"
                        + " where s.connection_id = ?1 and s.external_id = ?2")
                .setParameter(1, connection).setParameter(2, externalId).getResultList();
        return rows.stream().findFirst().map(r -> new Sent(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue(), StoreTimes.instant(r[3])));
    }

    /**
     * Moves the matching outbound messages forward to {@code state} where they are behind it; returns their ids.
     * {@code where} uses parameters ?1.. from {@code args} over the alias {@code m}.
     */
    private static List<Long> advance(EntityManager em, String where, List<Object> args, DeliveryState state) {
        String behind = state == DeliveryState.READ ? "('SENT', 'DELIVERED')" : "('SENT')";
        jakarta.persistence.Query select = em.createNativeQuery("select m.id from message m where " + where
                + " and m.delivery in " + behind + " order by m.id");
        for (int i = 0; i < args.size(); i++) {
            select.setParameter(i + 1, args.get(i));
        }
        List<Long> ids = select.getResultList().stream().map(r -> ((Number) r).longValue()).toList();
        if (!ids.isEmpty()) {
            em.createNativeQuery("update message set delivery = ?1 where id in "
                            + ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ", "(", ")"))
                            + " and delivery in " + behind)
                    .setParameter(1, state.name()).executeUpdate();
        }
        return ids;
    }
}
