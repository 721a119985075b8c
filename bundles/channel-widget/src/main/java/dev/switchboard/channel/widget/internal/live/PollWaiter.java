package dev.switchboard.channel.widget.internal.live;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.api.chat.ClientMessage;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long poll (the fallback where server-sent events do not get through): answered as soon as a read of the latest
 * page finds messages changed since the poll's {@code since} ({@link PollJournal}), or with none when its time is up.
 * The answer is {@code {"messages":[M...],"now":<stamp>}}, oldest first; {@code now} is the server's time of the read,
 * the right {@code since} for the next poll (a client's own clock may be off).
 */
final class PollWaiter implements Listener {

    private static final Logger LOG = LoggerFactory.getLogger(PollWaiter.class);

    private final Transcript transcript;
    private final Sink sink;
    private final PollJournal journal;
    private final long since;
    private final Clock clock;
    private final Executor workers;
    private final Runnable onDone;
    private final AtomicBoolean due = new AtomicBoolean();
    private final AtomicBoolean done = new AtomicBoolean();

    PollWaiter(Transcript transcript, Sink sink, PollJournal journal, long since, Clock clock, Executor workers,
               Runnable onDone) {
        this.transcript = transcript;
        this.sink = sink;
        this.journal = journal;
        this.since = since;
        this.clock = clock;
        this.workers = workers;
        this.onDone = onDone;
    }

    @Override
    public Transcript transcript() {
        return transcript;
    }

    @Override
    public void wake() {
        if (!done.get() && due.compareAndSet(false, true)) {
            workers.execute(() -> {
                due.set(false);
                check();
            });
        }
    }

    /** Reads the page; answers when something changed since the poll's time. */
    void check() {
        if (done.get()) {
            return;
        }
        List<ClientMessage> latest;
        try {
            latest = transcript.latest();
        } catch (RuntimeException e) {
            LOG.debug("A widget poll could not read its transcript: {}", e.toString());
            return;
        }
        PollJournal.Changes changes = journal.record(latest, clock.millis(), since);
        if (!changes.messages().isEmpty()) {
            answer(changes.messages(), changes.stamp());
        }
    }

    /** Its time is up: answers with nothing new. */
    void expire() {
        answer(List.of(), clock.millis());
    }

    @Override
    public void ping() {
        // a poll answers within its time; nothing to keep open
    }

    @Override
    public void close() {
        expire();
    }

    private void answer(List<ClientMessage> messages, long stamp) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        StringBuilder body = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < messages.size(); i++) {
            body.append(i == 0 ? "" : ",").append(transcript.json(messages.get(i)));
        }
        body.append("],\"now\":").append(JsonNodeFactory.instance.numberNode(stamp)).append('}');
        try {
            sink.send(body.toString());
        } catch (IOException | RuntimeException e) {
            LOG.debug("A widget poll's visitor went away: {}", e.toString());
        } finally {
            onDone.run();
            sink.close();
        }
    }

    boolean done() {
        return done.get();
    }
}
