package dev.switchboard.api.domain;

/** Identifies a request (an interaction, a dialog: CARD-7). */
public record RequestId(long value) {
    public RequestId {
        if (value <= 0) {
            throw new IllegalArgumentException("request id must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
