package dev.switchboard.chat.internal.rules;

/** How a member stands to one chat (TEAM-2..6). A member may be a participant and the pending receiver at once. */
public enum Relation {
    /** Owns the chat now (TEAM-2, TEAM-3); a Done chat keeps its last responsible. */
    RESPONSIBLE,
    /** Added to the chat by the responsible (TEAM-5). */
    PARTICIPANT,
    /** The responsible offered them the chat; they must accept or decline (TEAM-4). */
    PENDING_RECEIVER
}
