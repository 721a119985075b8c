package dev.switchboard.api.domain;

/** Identifies a chat. */
public record ChatId(long value) {
    public ChatId {
        if (value <= 0) {
            throw new IllegalArgumentException("chat id must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
