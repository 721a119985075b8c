package dev.switchboard.api.domain;

/** Identifies a message. */
public record MessageId(long value) {
    public MessageId {
        if (value <= 0) {
            throw new IllegalArgumentException("message id must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
