package dev.switchboard.api.chat;

/** The inbox tabs that list chats (INB-2); Search is a query of its own. */
public enum InboxTab {
    /** New and repeat requests nobody has taken (INB-3). */
    NEW,
    /** Chats I am responsible for or was added to (INB-4). */
    MINE,
    /** Other managers' active chats (INB-5). */
    OTHERS,
    /** Chats marked Done (INB-6). */
    DONE
}
