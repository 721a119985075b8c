package dev.switchboard.chat.internal.outbox;

import dev.switchboard.api.store.StoreTimes;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/** The outbox row that travels with an outbound message, written in the message's own transaction (architecture §1). */
public final class OutboxRows {

    private OutboxRows() {
    }

    /** Queues {@code message} of {@code chat} for delivery through {@code connection} (of type {@code channel}). */
    public static void enqueue(EntityManager em, long message, long chat, long project, long connection, String channel,
                               Instant now) {
        em.createNativeQuery("insert into outbox (message_id, project_id, connection_id, channel, attempts,"
                        + " next_attempt_at) values (?1, ?2, ?3, ?4, 0, ?5)")
                .setParameter(1, message).setParameter(2, project).setParameter(3, connection)
                .setParameter(4, channel).setParameter(5, StoreTimes.utc(now)).executeUpdate();
    }
}
