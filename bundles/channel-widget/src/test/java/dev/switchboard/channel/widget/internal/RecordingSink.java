package dev.switchboard.channel.widget.internal;

import dev.switchboard.channel.widget.internal.live.Sink;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** A live response that keeps what was written; it can be told that the visitor has gone. */
public final class RecordingSink implements Sink {

    private final StringBuilder out = new StringBuilder();
    public final AtomicInteger closes = new AtomicInteger();
    public volatile boolean gone;

    @Override
    public synchronized void send(String text) throws IOException {
        if (gone) {
            throw new IOException("the visitor has gone");
        }
        out.append(text);
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }

    public synchronized String text() {
        return out.toString();
    }

    /** Forgets what was written so far. */
    public synchronized void clear() {
        out.setLength(0);
    }
}
