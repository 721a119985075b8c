package dev.switchboard.api.domain;

/** Identifies a login (an e-mail and a password) that may be a member of several projects. */
public record AccountId(long value) {
    public AccountId {
        if (value <= 0) {
            throw new IllegalArgumentException("account id must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
