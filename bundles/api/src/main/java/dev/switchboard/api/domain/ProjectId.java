package dev.switchboard.api.domain;

/** Identifies a project (tenant). */
public record ProjectId(long value) {
    public ProjectId {
        if (value <= 0) {
            throw new IllegalArgumentException("project id must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
