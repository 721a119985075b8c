package dev.switchboard.chat.internal.engine;

import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.chat.internal.store.MessageEntity;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a chat's client can be written to: a client who blocked the bot or unsubscribed is unreachable until they
 * allow messages again or write (architecture §4). Each change leaves its system message (MSG-4). No version bump: it
 * is not a change of the chat's state that a concurrent take must lose to.
 */
public final class Reachability {

    private Reachability() {
    }

    /**
     * Marks the chat unreachable with {@code reason}, or reachable when {@code reason} is empty; does nothing when
     * it already is. Runs in the caller's transaction; events are posted after its commit.
     *
     * @return whether anything changed
     */
    public static boolean mark(EntityManager em, PersistenceUnit.Transaction tx, ChatEventPublisher events, long chat,
                               Optional<String> reason, Instant at) {
        String value = reason.map(r -> r.isBlank() ? "unreachable" : r.strip())
                .map(r -> r.length() <= 300 ? r : r.substring(0, 299) + "…").orElse(null);
        int changed = em.createNativeQuery(value == null
                        ? "update chat set unreachable_reason = null where id = ?2 and unreachable_reason is not null"
                        : "update chat set unreachable_reason = ?1 where id = ?2"
                        + " and (unreachable_reason is null or unreachable_reason <> ?1)")
                .setParameter(1, value).setParameter(2, chat).executeUpdate();
        if (changed == 0) {
            return false;
        }
        long project = ((Number) em.createNativeQuery("select project_id from chat where id = ?1")
                .setParameter(1, chat).getSingleResult()).longValue();
        MessageEntity system = MessageEntity.system(project, chat, value == null ? new SystemEvent.ClientReachable()
                : new SystemEvent.ClientUnreachable(value), at);
        em.persist(system);
        em.flush();
        long id = system.id();
        tx.afterCommit(() -> {
            events.chatChanged(project, chat);
            events.messageAdded(project, chat, id);
        });
        return true;
    }
}
