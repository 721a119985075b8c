package dev.switchboard.channel.widget.internal.live;

import dev.switchboard.api.chat.ClientMessage;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.channel.widget.internal.transcript.MessageView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When each message of a visitor's latest page last changed, on this node's clock, for the long-poll fallback: a poll
 * asks for what changed since a time, and most changes a visitor sees (a file ready, read state, a team message sent
 * after it was written) carry no time of their own. Every read of the page records a new or changed message (by its
 * fingerprint) at the read's time; a message first seen when the journal starts counts from its own time. Shared by
 * the visitor's polls (several tabs); stamps only grow, so a change is never stamped with a time a poll was already
 * answered at.
 */
final class PollJournal {

    private final Map<MessageId, long[]> entries = new HashMap<>();
    private boolean started;
    private long lastStamp;
    private volatile long lastUsed;

    PollJournal(long now) {
        this.lastUsed = now;
    }

    /** What a read found: the messages changed after {@code since}, oldest first, and the read's stamp. */
    record Changes(List<ClientMessage> messages, long stamp) {
    }

    /** Records a read of the latest page (newest first) at {@code now}. */
    synchronized Changes record(List<ClientMessage> latest, long now, long since) {
        long stamp = Math.max(now, lastStamp + 1);
        lastStamp = stamp;
        lastUsed = now;
        Set<MessageId> seen = new HashSet<>();
        List<ClientMessage> changed = new ArrayList<>();
        for (int i = latest.size() - 1; i >= 0; i--) {
            ClientMessage m = latest.get(i);
            seen.add(m.id());
            long fingerprint = MessageView.fingerprint(m);
            long[] entry = entries.get(m.id());
            if (entry == null) {
                long at = started ? stamp : own(m);
                entry = new long[] {fingerprint, at};
                entries.put(m.id(), entry);
            } else if (entry[0] != fingerprint) {
                entry[0] = fingerprint;
                entry[1] = stamp;
            }
            if (entry[1] > since) {
                changed.add(m);
            }
        }
        entries.keySet().retainAll(seen);
        started = true;
        return new Changes(changed, stamp);
    }

    private static long own(ClientMessage m) {
        Instant at = m.editedAt().filter(e -> e.isAfter(m.at())).orElse(m.at());
        return at.toEpochMilli();
    }

    long lastUsed() {
        return lastUsed;
    }
}
