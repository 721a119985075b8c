package dev.switchboard.api.domain;

/**
 * A member's role in a project (TEAM-1). Owners and administrators may take over a chat that already has a
 * responsible (WIN-5); managers handle the chats they take or are given.
 */
public enum Role {
    OWNER,
    ADMIN,
    MANAGER;

    /** Whether this role may take an active chat away from its responsible (WIN-5, TEAM-1). */
    public boolean maySupervise() {
        return this != MANAGER;
    }
}
