package dev.switchboard.channel.widget.internal.live;

import dev.switchboard.api.chat.ClientMessage;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.channel.widget.internal.transcript.MessageView;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A visitor's server-sent event stream (issue 10: the team's replies live). On every wake it reads the latest page of
 * the transcript again and pushes, as {@code event: message}, each message that is new or changed since it last
 * pushed it (a team message sent, a file ready, read state), known by a fingerprint per message id. Reading again
 * instead of trusting the event keeps the stream to what the visitor may see, and makes events from other nodes, lost
 * wakes and repeated ones harmless. Wakes coalesce: one read runs at a time and a wake during it causes one more.
 * When opened it pushes the latest page, so that nothing sent between the widget's read of its messages and the
 * stream's start is missed; the widget updates messages by id.
 */
final class EventStream implements Listener {

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    /** Opens the stream: how long the browser waits before it reconnects after a drop, in ms. */
    static final String PREAMBLE = "retry: 3000\n: open\n\n";
    static final String PING = ": ping\n\n";

    private final Transcript transcript;
    private final Sink sink;
    private final Executor workers;
    private final Runnable onClose;
    private final Map<MessageId, Integer> pushed = new HashMap<>();
    private final AtomicBoolean due = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    EventStream(Transcript transcript, Sink sink, Executor workers, Runnable onClose) {
        this.transcript = transcript;
        this.sink = sink;
        this.workers = workers;
        this.onClose = onClose;
    }

    @Override
    public Transcript transcript() {
        return transcript;
    }

    /** Writes the preamble and pushes the latest page. */
    void start() {
        synchronized (this) {
            write(PREAMBLE);
        }
        wake();
    }

    @Override
    public void wake() {
        if (!closed.get() && due.compareAndSet(false, true)) {
            workers.execute(() -> {
                due.set(false);
                refresh();
            });
        }
    }

    synchronized void refresh() {
        if (closed.get()) {
            return;
        }
        List<ClientMessage> latest;
        try {
            latest = transcript.latest();
        } catch (RuntimeException e) {
            // the core is away for a moment: the next wake reads again
            LOG.debug("A widget stream could not read its transcript: {}", e.toString());
            return;
        }
        StringBuilder out = new StringBuilder();
        Set<MessageId> seen = new HashSet<>();
        for (int i = latest.size() - 1; i >= 0; i--) {
            ClientMessage message = latest.get(i);
            int fingerprint = MessageView.fingerprint(message);
            seen.add(message.id());
            if (!Objects.equals(pushed.get(message.id()), fingerprint)) {
                out.append("event: message\ndata: ").append(transcript.json(message)).append("\n\n");
                pushed.put(message.id(), fingerprint);
            }
        }
        // what left the latest page is never read again
        pushed.keySet().retainAll(seen);
        if (!out.isEmpty()) {
            write(out.toString());
        }
    }

    @Override
    public synchronized void ping() {
        if (!closed.get()) {
            write(PING);
        }
    }

    private void write(String text) {
        try {
            sink.send(text);
        } catch (IOException | RuntimeException e) {
            LOG.debug("A widget stream ended: {}", e.toString());
            close();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
            sink.close();
        }
    }

    boolean closed() {
        return closed.get();
    }
}
