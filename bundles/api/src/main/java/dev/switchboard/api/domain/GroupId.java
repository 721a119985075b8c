package dev.switchboard.api.domain;

/** Identifies a group (department) of a project (GRP-1). */
public record GroupId(long value) {
    public GroupId {
        if (value <= 0) {
            throw new IllegalArgumentException("group id must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
