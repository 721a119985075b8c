package dev.switchboard.channel.widget.internal.live;

import java.io.IOException;

/** Where a live answer goes: the open response of an event stream or of a long poll. */
public interface Sink {

    /** Writes and flushes; an {@link IOException} means the visitor has gone. */
    void send(String text) throws IOException;

    /** Ends the response; safe to call more than once. */
    void close();
}
