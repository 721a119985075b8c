package dev.switchboard.api.team;

/**
 * What a member may see beyond their own chats (TEAM-7).
 *
 * @param seeNew    may see the New tab and take chats from it; when off, only senior managers distribute new
 *                  requests (DIST-2)
 * @param seeOthers may see the Others tab and read chats that are not theirs
 */
public record AccessRights(boolean seeNew, boolean seeOthers) {
    /** Every tab and every chat: the default of DIST-1. */
    public static final AccessRights ALL = new AccessRights(true, true);
}
