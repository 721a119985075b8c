package dev.switchboard.api.domain;

/** Identifies a channel connection: one connected bot, page or widget of a project. */
public record ConnectionId(long value) {
    public ConnectionId {
        if (value <= 0) {
            throw new IllegalArgumentException("connection id must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
