package dev.switchboard.channel.widget.internal.http;

import dev.switchboard.channel.widget.internal.live.Sink;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A live answer written into an async servlet response from the live workers: each write is flushed at once (an
 * event must not wait in a buffer), and the response is completed once, whoever ends it first: the stream, the
 * visitor going away, the container's timeout, or the bundle stopping.
 */
final class AsyncSink implements Sink {

    private final AsyncContext async;
    private final AtomicBoolean ended = new AtomicBoolean();

    AsyncSink(AsyncContext async) {
        this.async = async;
    }

    @Override
    public synchronized void send(String text) throws IOException {
        if (ended.get()) {
            throw new IOException("the response has ended");
        }
        try {
            ServletOutputStream out = async.getResponse().getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IllegalStateException e) {
            throw new IOException("the response has ended", e);
        }
    }

    @Override
    public void close() {
        if (ended.compareAndSet(false, true)) {
            try {
                async.complete();
            } catch (IllegalStateException e) {
                // the container completed it already (timeout, the visitor went away)
            }
        }
    }

    /** The container ended the response itself: nothing more is written, and it is not completed again. */
    void ended() {
        ended.set(true);
    }
}
