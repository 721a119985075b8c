package dev.switchboard.channel.widget.internal.live;

import dev.switchboard.api.domain.ConnectionId;

/** One visitor of one widget connection: whose live streams a change wakes. */
public record VisitorKey(ConnectionId connection, String visitor) {

    @Override
    public String toString() {
        // the visitor id of a verified visitor is the site's user id: personal data, kept out of logs
        return "VisitorKey[" + connection + "]";
    }
}
