package dev.switchboard.chat.internal.outbox;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreTimes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Who holds which outbox row (MSG-2, architecture §7): rows are claimed with {@code FOR UPDATE SKIP LOCKED} and then
 * held by a lease ({@code claimed_until}) under a token ({@code claim_token}) that fences every later step, because
 * the send runs outside any transaction. A claim is renewed right before its connector is called and by the
 * heartbeat while the call runs, so only a dead node's claims run out; a worker whose token no longer matches never
 * sends and never records.
 * <p>
 * What a claim may take: rows due and not held, of a channel type with a connector, of an enabled connection whose
 * lane does not wait ({@code outbox_lane}), and only the first message of its chat that is still in the outbox while
 * no message of that chat is being sent, so that a chat's messages leave one at a time in the order they were
 * written. A round looks at the connections with due rows, those waiting longest first, and takes from each no more
 * rows than the caller's pacing has room for, skipping rows another node is claiming at the same moment.
 */
final class Claims {

    /** A claimed row with what the attempt needs; {@code laneKnown}: the connection has an outbox_lane row. */
    record Claim(long message, long chat, long project, int attempts, String token, ChannelConnection connection,
                 boolean laneKnown) {

        long connectionId() {
            return connection.id().value();
        }
    }

    /** How many rows of a connection (of a channel type) this node may start now. */
    @FunctionalInterface
    interface Room {
        int free(long connection, String channel);
    }

    /**
     * The row is the first of its chat still in the outbox (by the time its message was written) and no row of that
     * chat is being sent. Written as boolean scalar subqueries on purpose: PostgreSQL runs them per row along the
     * connection's index and stops at the LIMIT, and estimates them at half the rows; an equality with a subquery
     * or a NOT EXISTS made it expect to scan the whole lane, which costs a plan past the JIT threshold (0.2 s for
     * nothing) or a sort of all of a large lane's rows.
     */
    private static final String CHAT_HEAD = " and (select e.message_id = o.message_id from outbox e"
            + " where e.chat_id = o.chat_id order by e.message_at, e.message_id limit 1)"
            + " and (select count(*) = 0 from outbox e where e.chat_id = o.chat_id and e.claimed_until >= ?)";
    private static final String FREE = " and o.next_attempt_at <= ?"
            + " and (o.claimed_until is null or o.claimed_until < ?)";

    private final PersistenceUnit unit;
    private final Duration lease;

    Claims(PersistenceUnit unit, Duration lease) {
        this.unit = unit;
        this.lease = lease;
    }

    /**
     * Claims at most {@code limit} rows in one transaction, skipping {@code busyConnections} and {@code spacedChats}
     * (this node's pacing holds them back) and taking from each connection at most what {@code room} allows.
     */
    List<Claim> claim(Collection<String> types, Set<Long> busyConnections, Set<Long> spacedChats, int limit, Room room,
                      Instant now) {
        if (types.isEmpty() || limit < 1) {
            return List.of();
        }
        return unit.inTransaction((em, tx) -> {
            List<Long> locked = new ArrayList<>();
            for (Object[] lane : lanes(em, types, busyConnections, now)) {
                int free = Math.min(room.free(number(lane[0]), (String) lane[1]), limit - locked.size());
                if (free > 0) {
                    locked.addAll(lock(em, number(lane[0]), spacedChats, free, now));
                }
                if (locked.size() >= limit) {
                    break;
                }
            }
            if (locked.isEmpty()) {
                return List.<Claim>of();
            }
            String token = UUID.randomUUID().toString();
            Query lease = em.createNativeQuery("update outbox set claimed_until = ?, claim_token = ?"
                    + " where message_id in " + marks(locked.size()));
            lease.setParameter(1, StoreTimes.utc(now.plus(this.lease))).setParameter(2, token);
            bind(lease, 3, locked);
            lease.executeUpdate();
            Query read = em.createNativeQuery("select o.message_id, o.chat_id, o.project_id, o.attempts, cc.id,"
                    + " cc.type, cc.name, case when l.connection_id is null then 0 else 1 end from outbox o"
                    + " join channel_connection cc on cc.id = o.connection_id"
                    + " left join outbox_lane l on l.connection_id = o.connection_id"
                    + " where o.message_id in " + marks(locked.size()));
            bind(read, 1, locked);
            List<Claim> claims = new ArrayList<>();
            for (Object row : read.getResultList()) {
                Object[] r = (Object[]) row;
                long project = number(r[2]);
                claims.add(new Claim(number(r[0]), number(r[1]), project, (int) number(r[3]), token,
                        new ChannelConnection(new ConnectionId(number(r[4])), new ProjectId(project), (String) r[5],
                                (String) r[6]), number(r[7]) == 1));
            }
            claims.sort(Comparator.comparingInt(c -> locked.indexOf(c.message())));
            return claims;
        });
    }

    /**
     * The connections with due rows that may go (id, channel type), those whose oldest due row waits longest first.
     * Asked with one index probe per enabled connection (about 12 ms for 2,000 connections with queued messages),
     * never by scanning the due rows: a broadcast may queue a hundred thousand of them on one connection. All of
     * them, not the first few: one whose due rows all wait behind their chats' earlier messages gives nothing, and
     * must not keep the next ones from their turn.
     */
    private List<Object[]> lanes(EntityManager em, Collection<String> types, Set<Long> busyConnections, Instant now) {
        StringBuilder sql = new StringBuilder("select c.id, c.type from (select cc.id, cc.type,"
                + " (select min(o.next_attempt_at) from outbox o where o.connection_id = cc.id").append(FREE)
                .append(") as oldest from channel_connection cc where cc.state = 'ENABLED' and cc.type in ")
                .append(marks(types.size()));
        if (!busyConnections.isEmpty()) {
            sql.append(" and cc.id not in ").append(marks(busyConnections.size()));
        }
        sql.append(" and not exists (select 1 from outbox_lane l where l.connection_id = cc.id and l.paused_until > ?))"
                + " c where c.oldest is not null order by c.oldest, c.id");
        Query q = em.createNativeQuery(sql.toString());
        int p = bindTimes(q, 1, now, 2);
        p = bind(q, p, types);
        p = bind(q, p, busyConnections);
        bindTimes(q, p, now, 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows;
    }

    /**
     * Locks up to {@code count} rows of one connection in order, each the head of its chat, while its lane does not
     * wait; rows another node is claiming right now are skipped and the next ones taken.
     */
    private List<Long> lock(EntityManager em, long connection, Set<Long> spacedChats, int count, Instant now) {
        StringBuilder sql = new StringBuilder("select o.message_id from outbox o where o.connection_id = ?")
                .append(FREE);
        if (!spacedChats.isEmpty()) {
            sql.append(" and o.chat_id not in ").append(marks(spacedChats.size()));
        }
        sql.append(" and not exists (select 1 from outbox_lane l where l.connection_id = ? and l.paused_until > ?)")
                .append(CHAT_HEAD).append(" order by o.next_attempt_at, o.message_id limit ? for update skip locked");
        Query q = em.createNativeQuery(sql.toString());
        q.setParameter(1, connection);
        int p = bindTimes(q, 2, now, 2);
        p = bind(q, p, spacedChats);
        q.setParameter(p++, connection);
        p = bindTimes(q, p, now, 2);
        q.setParameter(p, count);
        return longs(q.getResultList());
    }

    /**
     * Renews the claim right before its connector is called: true while the claim is still this attempt's (the
     * token matches, so no other worker took the row); the lease then runs from now again.
     */
    boolean renew(Claim claim, Instant now) {
        return unit.inTransaction((em, tx) -> em.createNativeQuery("update outbox set claimed_until = ?1"
                        + " where message_id = ?2 and claim_token = ?3")
                .setParameter(1, StoreTimes.utc(now.plus(lease))).setParameter(2, claim.message())
                .setParameter(3, claim.token()).executeUpdate()) == 1;
    }

    /** Renews the leases of the sends in flight (the heartbeat); returns how many were still held. */
    int renew(Collection<Claim> claims, Instant now) {
        if (claims.isEmpty()) {
            return 0;
        }
        List<Long> ids = claims.stream().map(Claim::message).toList();
        List<String> tokens = claims.stream().map(Claim::token).distinct().toList();
        return unit.inTransaction((em, tx) -> {
            Query q = em.createNativeQuery("update outbox set claimed_until = ? where message_id in "
                    + marks(ids.size()) + " and claim_token in " + marks(tokens.size()));
            q.setParameter(1, StoreTimes.utc(now.plus(lease)));
            bind(q, bind(q, 2, ids), tokens);
            return q.executeUpdate();
        });
    }

    /** Gives the row back untouched, no attempt counted (its connector is away, its connection switched off). */
    void release(Claim claim) {
        unit.inTransaction((em, tx) -> em.createNativeQuery("update outbox set claimed_until = null,"
                        + " claim_token = null where message_id = ?1 and claim_token = ?2")
                .setParameter(1, claim.message()).setParameter(2, claim.token()).executeUpdate());
    }

    private static String marks(int n) {
        return IntStream.range(0, n).mapToObj(i -> "?")
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static int bind(Query q, int from, Collection<?> values) {
        int p = from;
        for (Object v : values) {
            q.setParameter(p++, v);
        }
        return p;
    }

    private static int bindTimes(Query q, int from, Instant at, int times) {
        int p = from;
        for (int i = 0; i < times; i++) {
            q.setParameter(p++, StoreTimes.utc(at));
        }
        return p;
    }

    private static List<Long> longs(List<?> rows) {
        return rows.stream().map(Claims::number).toList();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
