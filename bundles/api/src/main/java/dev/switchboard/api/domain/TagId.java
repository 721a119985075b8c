package dev.switchboard.api.domain;

/** Identifies a tag. */
public record TagId(long value) {
    public TagId {
        if (value <= 0) {
            throw new IllegalArgumentException("tag id must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
