package dev.switchboard.chat.internal.outbox;

import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.Refusal;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.chat.internal.engine.ChatEventPublisher;
import dev.switchboard.chat.internal.engine.Reachability;
import dev.switchboard.chat.internal.outbox.Claims.Claim;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a delivery attempt came to, written only while the attempt's claim still holds (MSG-2, architecture §4): the
 * message's delivery state, the row's next attempt, and the connection's lane when the platform asked the whole
 * connection to wait. Each outcome is one short transaction; the connector is never called inside one.
 */
final class Outcomes {

    private static final Logger LOG = LoggerFactory.getLogger(Outcomes.class);

    private final PersistenceUnit unit;
    private final ChatEventPublisher events;
    private final OutboxSettings settings;

    Outcomes(PersistenceUnit unit, ChatEventPublisher events, OutboxSettings settings) {
        this.unit = unit;
        this.events = events;
        this.settings = settings;
    }

    /**
     * SENT with the platform's ids. The chat's next queued message waits {@code perRecipient} from now, on every
     * node; a lane that had waited is open again and its failing pauses start over.
     *
     * @param late the answer came after the attempt was abandoned: recorded only if nobody took the row since
     * @return whether it was recorded
     */
    boolean sent(Claim claim, int attempt, DeliveryResult.Sent sent, Duration perRecipient, boolean late,
                 Instant now) {
        return unit.inTransaction((em, tx) -> {
            if (!end(em, claim, attempt, late)) {
                return false;
            }
            List<String> ids = sent.externalIds();
            em.createNativeQuery("update message set delivery = 'SENT', failure = null, external_id = ?1 where id = ?2")
                    .setParameter(1, ids.isEmpty() ? "" : limit(ids.get(0), 200)).setParameter(2, claim.message())
                    .executeUpdate();
            for (String id : new LinkedHashSet<>(ids)) {
                // an id recorded before stays as it is: a message sent again after a retry may come back with the id
                // of its first send (VK's random_id dedupes), and the key must not fail the record of this send
                em.createNativeQuery("insert into message_sent_id (connection_id, external_id, message_id)"
                                + " select ?1, ?2, ?3 where not exists (select 1 from message_sent_id"
                                + " where connection_id = ?1 and external_id = ?2)").setParameter(1, claim.connectionId())
                        .setParameter(2, limit(id, 200)).setParameter(3, claim.message()).executeUpdate();
            }
            if (!perRecipient.isZero()) {
                Instant notBefore = now.plus(perRecipient);
                em.createNativeQuery("update outbox set next_attempt_at = ?1 where chat_id = ?2"
                                + " and next_attempt_at < ?1").setParameter(1, StoreTimes.utc(notBefore))
                        .setParameter(2, claim.chat()).executeUpdate();
            }
            if (claim.laneKnown()) {
                em.createNativeQuery("delete from outbox_lane where connection_id = ?1"
                                + " and (paused_until is null or paused_until <= ?2)")
                        .setParameter(1, claim.connectionId()).setParameter(2, StoreTimes.utc(now)).executeUpdate();
                em.createNativeQuery("update outbox_lane set failing_pauses = 0 where connection_id = ?1")
                        .setParameter(1, claim.connectionId()).executeUpdate();
            }
            tx.afterCommit(() -> events.deliveryChanged(claim.project(), claim.chat(), claim.message()));
            return true;
        });
    }

    /** FAILED at once with the reason; a client who blocked the bot makes the chat unreachable. */
    boolean refused(Claim claim, int attempt, DeliveryResult.Refused refused, Instant now) {
        return unit.inTransaction((em, tx) -> {
            if (!failed(em, claim, attempt, refused.reason())) {
                return false;
            }
            if (refused.refusal() == Refusal.CLIENT_BLOCKED) {
                Reachability.mark(em, tx, events, claim.chat(), Optional.of(refused.reason()), now);
            }
            tx.afterCommit(() -> events.deliveryChanged(claim.project(), claim.chat(), claim.message()));
            return true;
        });
    }

    /**
     * A passing failure: tried again after the jittered backoff and never before the platform's retry-after, or
     * FAILED once the attempts are used up. A retry-after also makes the connection's whole lane wait until then (on
     * every node), because platforms limit a bot, not a message.
     *
     * @return when the message may go again; empty when it failed for good or the claim was lost
     */
    Optional<Instant> retry(Claim claim, int attempt, DeliveryResult.Retry retry, Instant now) {
        Optional<Instant> after = retry.after().filter(d -> !d.isNegative()).map(now::plus);
        return unit.inTransaction((em, tx) -> {
            Optional<Instant> next;
            if (attempt >= settings.maxAttempts()) {
                if (!failed(em, claim, attempt, "gave up after " + attempt + " attempts: " + retry.reason())) {
                    return Optional.<Instant>empty();
                }
                tx.afterCommit(() -> events.deliveryChanged(claim.project(), claim.chat(), claim.message()));
                next = Optional.empty();
            } else {
                Instant backoff = now.plus(settings.jitteredDelayAfter(attempt, ThreadLocalRandom.current()));
                Instant at = after.filter(a -> a.isAfter(backoff)).orElse(backoff);
                int held = em.createNativeQuery("update outbox set attempts = ?1, next_attempt_at = ?2,"
                                + " claimed_until = null, claim_token = null, last_error = ?3"
                                + " where message_id = ?4 and claim_token = ?5")
                        .setParameter(1, attempt).setParameter(2, StoreTimes.utc(at))
                        .setParameter(3, limit(retry.reason(), 1000)).setParameter(4, claim.message())
                        .setParameter(5, claim.token()).executeUpdate();
                if (held == 0) {
                    LOG.warn("Claim on outbox message {} was lost before its retry was recorded", claim.message());
                    return Optional.<Instant>empty();
                }
                next = Optional.of(at);
            }
            after.ifPresent(until -> pause(em, claim, until, retry.reason()));
            return next;
        });
    }

    /**
     * The platform refused the connection itself: the row goes back without an attempt counted, and the lane waits
     * for a pause that grows with each refusal in a row (unless it already waits: sends in flight together count
     * once).
     *
     * @return until when the lane waits
     */
    Instant failing(Claim claim, String reason, Instant now) {
        return unit.inTransaction((em, tx) -> {
            em.createNativeQuery("update outbox set claimed_until = null, claim_token = null"
                            + " where message_id = ?1 and claim_token = ?2")
                    .setParameter(1, claim.message()).setParameter(2, claim.token()).executeUpdate();
            lane(em, claim);
            Object[] lane = (Object[]) em.createNativeQuery("select paused_until, failing_pauses from outbox_lane"
                    + " where connection_id = ?1 for update").setParameter(1, claim.connectionId()).getSingleResult();
            Instant pausedUntil = StoreTimes.instant(lane[0]);
            if (pausedUntil != null && pausedUntil.isAfter(now)) {
                return pausedUntil;
            }
            int pauses = ((Number) lane[1]).intValue() + 1;
            Instant until = now.plus(settings.failingPauseAfter(pauses));
            em.createNativeQuery("update outbox_lane set paused_until = ?1, failing_pauses = ?2, reason = ?3"
                            + " where connection_id = ?4").setParameter(1, StoreTimes.utc(until))
                    .setParameter(2, pauses).setParameter(3, limit(reason, 1000))
                    .setParameter(4, claim.connectionId()).executeUpdate();
            return until;
        });
    }

    private void pause(EntityManager em, Claim claim, Instant until, String reason) {
        lane(em, claim);
        em.createNativeQuery("update outbox_lane set paused_until = ?1, reason = ?2 where connection_id = ?3"
                        + " and (paused_until is null or paused_until < ?1)").setParameter(1, StoreTimes.utc(until))
                .setParameter(2, limit(reason, 1000)).setParameter(3, claim.connectionId()).executeUpdate();
    }

    /** Makes sure the connection has its lane row; concurrent nodes may try at once. */
    private static void lane(EntityManager em, Claim claim) {
        em.createNativeQuery("insert into outbox_lane (connection_id, failing_pauses) values (?1, 0)"
                + " on conflict do nothing").setParameter(1, claim.connectionId()).executeUpdate();
    }

    private boolean failed(EntityManager em, Claim claim, int attempt, String reason) {
        if (!end(em, claim, attempt, false)) {
            return false;
        }
        em.createNativeQuery("update message set delivery = 'FAILED', failure = ?1 where id = ?2")
                .setParameter(1, limit(reason, 1000)).setParameter(2, claim.message()).executeUpdate();
        return true;
    }

    /**
     * Removes the row while the attempt still holds its claim or, for an answer that came after the attempt was
     * abandoned ({@code late}), while nobody took the row since: the abandon cleared the token and counted this
     * attempt, and no later attempt has started.
     */
    private static boolean end(EntityManager em, Claim claim, int attempt, boolean late) {
        Query delete = em.createNativeQuery(late
                        ? "delete from outbox where message_id = ?1 and (claim_token = ?2"
                        + " or (claim_token is null and attempts = ?3))"
                        : "delete from outbox where message_id = ?1 and claim_token = ?2")
                .setParameter(1, claim.message()).setParameter(2, claim.token());
        if (late) {
            delete.setParameter(3, attempt);
        }
        int ended = delete.executeUpdate();
        if (ended == 0 && late) {
            LOG.info("Outbox message {} was sent after its attempt was abandoned, and was tried again meanwhile",
                    claim.message());
        } else if (ended == 0) {
            LOG.warn("Claim on outbox message {} was lost before its delivery was recorded", claim.message());
        }
        return ended == 1;
    }

    private static String limit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
