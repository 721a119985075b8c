package dev.switchboard.channel.widget.internal.http;

import dev.switchboard.channel.widget.internal.live.Transcript;
import dev.switchboard.channel.widget.internal.live.VisitorKey;
import java.util.Map;

/** What {@link WidgetApi} makes of a call: an answer to write now, or a live response the servlet keeps open. */
public sealed interface Reply {

    /** Written at once. */
    record Answer(ApiAnswer answer) implements Reply {
    }

    /** A server-sent event stream ({@code GET events}) with these headers. */
    record Stream(VisitorKey visitor, Transcript transcript, Map<String, String> headers) implements Reply {
    }

    /** A long poll ({@code GET poll}) for what changed after {@code since}, with these headers. */
    record Poll(VisitorKey visitor, Transcript transcript, long since, Map<String, String> headers)
            implements Reply {
    }
}
