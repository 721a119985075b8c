package dev.switchboard.chat.internal.outbox;

import dev.switchboard.api.channel.ChannelCapabilities.SendRate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How fast this node sends through each connection (MSG-2, architecture §4): at most the channel's
 * {@link SendRate#parallel()} sends at once, no more than its {@link SendRate#perSecond()}, and no two sends to one
 * client closer than {@link SendRate#perRecipient()}. In memory on purpose: it only paces this node's own sends and
 * decides nothing another node needs to know; whether a message may be sent at all (its claim, its chat's order, a
 * connection waiting out a platform's retry-after) is decided by the database.
 * <p>
 * The rate is a token bucket kept as the time its next token is due (the generic cell rate algorithm, exact on any
 * clock). It holds a second's worth of sends, at least one, as bursty rate limiters do: a connection that was idle may
 * start that many sends at once (as far as its parallel slots allow), and then keeps to its rate.
 */
final class Pacing {

    private final Map<Long, Lane> lanes = new HashMap<>();
    /** Chats that may not be sent to before the instant: their last send was less than perRecipient ago. */
    private final Map<Long, Instant> chats = new HashMap<>();

    /** One connection on this node. */
    private static final class Lane {
        SendRate rate;
        /** When the bucket's next token is due; null while it is full. */
        Instant due;
        /** Sends whose connector call has not returned, abandoned ones included: they still hold a thread. */
        int running;
        /** Not to be claimed before then (its connector went away, its switch is off as this node sees it). */
        Instant idleUntil;

        Lane(SendRate rate) {
            this.rate = rate;
        }

        Duration interval() {
            return Duration.ofNanos(Math.max(1, Math.round(1_000_000_000d / rate.perSecond())));
        }

        int burst() {
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(rate.perSecond())));
        }

        int tokens(Instant now) {
            if (due == null || !due.isAfter(now)) {
                return burst();
            }
            Duration interval = interval();
            Duration slack = Duration.between(due, now).plus(interval.multipliedBy(burst() - 1L));
            if (slack.isNegative()) {
                return 0;
            }
            return (int) Math.min(burst(), slack.dividedBy(interval) + 1);
        }

        Instant nextToken(Instant now) {
            return tokens(now) > 0 ? now : due.minus(interval().multipliedBy(burst() - 1L));
        }

        int free(Instant now) {
            if (idleUntil != null && idleUntil.isAfter(now)) {
                return 0;
            }
            return Math.max(0, Math.min(rate.parallel() - running, tokens(now)));
        }

        boolean forgettable(Instant now) {
            return running == 0 && (due == null || !due.isAfter(now)) && (idleUntil == null || !idleUntil.isAfter(now));
        }
    }

    /** How many sends the connection may start now at {@code rate} (its channel's current declaration). */
    synchronized int free(long connection, SendRate rate, Instant now) {
        Lane lane = lanes.computeIfAbsent(connection, c -> new Lane(rate));
        lane.rate = rate;
        return lane.free(now);
    }

    /** A send through the connection starts: it takes a slot and a token. */
    synchronized void start(long connection, SendRate rate, Instant now) {
        Lane lane = lanes.computeIfAbsent(connection, c -> new Lane(rate));
        lane.running++;
        Instant from = lane.due == null || lane.due.isBefore(now) ? now : lane.due;
        lane.due = from.plus(lane.interval());
    }

    /** A send through the connection returned from its connector (or never reached it): its slot is free. */
    synchronized void ended(long connection) {
        Lane lane = lanes.get(connection);
        if (lane != null && lane.running > 0) {
            lane.running--;
        }
    }

    /** The chat's client was just sent to: nothing more to them before {@code perRecipient} has passed. */
    synchronized void sentTo(long chat, Duration perRecipient, Instant now) {
        if (!perRecipient.isZero()) {
            chats.merge(chat, now.plus(perRecipient), (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /** Claims nothing of the connection on this node before {@code until}. */
    synchronized void idle(long connection, SendRate rate, Instant until) {
        lanes.computeIfAbsent(connection, c -> new Lane(rate)).idleUntil = until;
    }

    /** The connections that may start no send now; forgets lanes that are idle and full. */
    synchronized Set<Long> saturated(Instant now) {
        Set<Long> busy = new HashSet<>();
        for (Iterator<Map.Entry<Long, Lane>> i = lanes.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<Long, Lane> e = i.next();
            if (e.getValue().forgettable(now)) {
                i.remove();
            } else if (e.getValue().free(now) == 0) {
                busy.add(e.getKey());
            }
        }
        return busy;
    }

    /** The chats that may not be sent to now; forgets those whose spacing has passed. */
    synchronized Set<Long> spacedChats(Instant now) {
        chats.values().removeIf(notBefore -> !notBefore.isAfter(now));
        return Set.copyOf(chats.keySet());
    }

    /**
     * The next instant a lane or a chat held back by time alone (not by its sends in flight, whose ends are noticed
     * anyway) may go again; empty when none is.
     */
    synchronized Optional<Instant> nextRelease(Instant now) {
        Instant next = null;
        for (Lane lane : lanes.values()) {
            Instant at = null;
            if (lane.idleUntil != null && lane.idleUntil.isAfter(now)) {
                at = lane.idleUntil;
            } else if (lane.running < lane.rate.parallel() && lane.tokens(now) == 0) {
                at = lane.nextToken(now);
            }
            if (at != null && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        for (Instant notBefore : chats.values()) {
            if (notBefore.isAfter(now) && (next == null || notBefore.isBefore(next))) {
                next = notBefore;
            }
        }
        return Optional.ofNullable(next);
    }
}
