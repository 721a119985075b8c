package dev.switchboard.channel.telegram.internal.send;

import dev.switchboard.api.domain.MessageId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parts of a message already sent, kept between attempts on this node (MSG-2). A message goes out as several
 * Telegram messages (a long text in pieces, each file on its own), and the Bot API has no idempotency key: when a
 * later part is answered 429 and the outbox tries again, the parts Telegram already took must not reach the client a
 * second time. The memory is a courtesy, not a guarantee: it is gone after a restart of the bundle, and another node
 * that takes the retry does not have it (the parts are then sent again, as for any platform without idempotency).
 * Entries are dropped when the message is sent, refused, or a day old.
 */
final class SendProgress {

    static final Duration KEPT = Duration.ofDays(1);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(int parts, List<String> sent, Instant at) {
    }

    private final Map<MessageId, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    SendProgress(Clock clock) {
        this.clock = clock;
    }

    /** The ids of the parts sent in earlier attempts, if the message was planned in as many parts. */
    List<String> sent(MessageId message, int parts) {
        Entry entry = entries.get(message);
        if (entry == null || entry.parts() != parts || entry.at().isBefore(clock.instant().minus(KEPT))) {
            return List.of();
        }
        return entry.sent();
    }

    /** Records that the parts of {@code sent} went out. */
    void record(MessageId message, int parts, List<String> sent) {
        if (entries.size() >= MAX_ENTRIES) {
            Instant old = clock.instant().minus(KEPT);
            entries.values().removeIf(e -> e.at().isBefore(old));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(message, new Entry(parts, List.copyOf(sent), clock.instant()));
    }

    void forget(MessageId message) {
        entries.remove(message);
    }
}
