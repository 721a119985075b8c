package dev.switchboard.api.domain;

/** Identifies a stored file (an attachment, a client's photo) in the blob store. */
public record FileId(long value) {
    public FileId {
        if (value <= 0) {
            throw new IllegalArgumentException("file id must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
