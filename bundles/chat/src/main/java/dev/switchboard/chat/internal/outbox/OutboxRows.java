package dev.switchboard.chat.internal.outbox;

import dev.switchboard.api.store.StoreTimes;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/** The outbox row that travels with an outbound message, written in the message's own transaction (architecture §1). */
public final class OutboxRows {

    private OutboxRows() {
    }

    /**
     * Queues {@code message} of {@code chat} for delivery through {@code connection} (of type {@code channel}), due
     * at {@code now}. The row carries its chat and the message's time, by which the outbox keeps a chat's messages in
     * order (MSG-2); a failed message queued again keeps its place by the time it was written. The message row must
     * be flushed before.
     */
    public static void enqueue(EntityManager em, long message, long chat, long project, long connection, String channel,
                               Instant now) {
        int queued = em.createNativeQuery("insert into outbox (message_id, project_id, connection_id, channel, chat_id,"
                        + " message_at, attempts, next_attempt_at) select ?1, ?2, ?3, ?4, ?5, m.created_at, 0, ?6"
                        + " from message m where m.id = ?7")
                .setParameter(1, message).setParameter(2, project).setParameter(3, connection)
                .setParameter(4, channel).setParameter(5, chat).setParameter(6, StoreTimes.utc(now))
                .setParameter(7, message).executeUpdate();
        if (queued != 1) {
            throw new IllegalStateException("message " + message + " is not stored; nothing to queue");
        }
    }
}
